"""Categories and products for the sale screen."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from loyalty.catalog import Category, Product
from pos_terminal.db import mapping
from pos_terminal.db.models import CategoryRow, ProductRow


class CatalogRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def categories(self) -> list[Category]:
        rows = self._session.execute(
            select(CategoryRow.id, CategoryRow.name).order_by(
                CategoryRow.position, CategoryRow.name
            )
        )
        return [Category(row.id, row.name) for row in rows]

    def products(self, *, category_id: str | None = None) -> list[Product]:
        query = select(*ProductRow.__table__.c).where(ProductRow.active.is_(True))
        if category_id is not None:
            query = query.where(ProductRow.category_id == category_id)
        rows = self._session.execute(query.order_by(ProductRow.position, ProductRow.name))
        return [mapping.product(row) for row in rows]

    def product(self, product_id: str) -> Product | None:
        row = self._session.execute(
            select(*ProductRow.__table__.c).where(ProductRow.id == product_id)
        ).first()
        return mapping.product(row) if row is not None else None

    def replace(self, categories: Iterable[Category], products: Iterable[Product]) -> None:
        """Put a whole catalog in place of the current one (a pull or the demo data)."""
        self._session.execute(delete(ProductRow))
        self._session.execute(delete(CategoryRow))
        category_rows = [
            {"id": c.id, "name": c.name, "position": i} for i, c in enumerate(categories)
        ]
        if category_rows:
            self._session.execute(insert(CategoryRow), category_rows)
        product_rows = [
            {
                "id": p.id,
                "name": p.name,
                "category_id": p.category_id,
                "price_minor": p.price.minor,
                "currency": p.price.currency,
                "vat_code": p.vat.code,
                "vat_percent": str(p.vat.percent),
                "active": p.active,
                "position": i,
            }
            for i, p in enumerate(products)
        ]
        if product_rows:
            self._session.execute(insert(ProductRow), product_rows)
