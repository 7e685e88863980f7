"""A demo menu of a Polish restaurant: categories and products as domain objects.

Prices are gross, in grosze. VAT follows the Polish rules for restaurant service (PKWiU 56):
dishes and non-carbonated soft drinks (kompot, lemonade, juice, hot chocolate) are at 8 %;
alcohol, coffee and tea drinks, carbonated drinks and mineral water are excluded from the
reduced rate and are at 23 %.
"""

from __future__ import annotations

from functools import cache

from loyalty.catalog import VAT_8, VAT_23, Category, Product, VatRate
from loyalty.customers import group_reference
from loyalty.money import Money

_Item = tuple[str, str, int, VatRate]  # (id without "p-", name, price in grosze, VAT)

_MENU: tuple[tuple[str, tuple[_Item, ...]], ...] = (
    (
        "Przystawki",
        (
            ("tatar", "Tatar wołowy z żółtkiem", 4800, VAT_8),
            ("sledz", "Śledź w oleju z cebulką", 2400, VAT_8),
            ("smalec", "Smalec ze skwarkami i ogórkiem kiszonym", 1600, VAT_8),
            ("oscypek", "Oscypek z grilla z żurawiną", 2600, VAT_8),
            ("deska-serow", "Deska serów regionalnych", 3900, VAT_8),
            ("carpaccio-z-buraka", "Carpaccio z buraka z kozim serem", 2900, VAT_8),
            ("pieczywo", "Pieczywo z masłem ziołowym", 900, VAT_8),
        ),
    ),
    (
        "Zupy",
        (
            ("zurek", "Żurek na zakwasie z jajkiem i białą kiełbasą", 1800, VAT_8),
            ("rosol", "Rosół z makaronem", 1600, VAT_8),
            ("pomidorowa", "Pomidorowa z ryżem", 1500, VAT_8),
            ("barszcz", "Barszcz czerwony z uszkami", 1900, VAT_8),
            ("flaki", "Flaki wołowe", 2100, VAT_8),
            ("grzybowa", "Zupa grzybowa z łazankami", 2200, VAT_8),
            ("ogorkowa", "Ogórkowa", 1500, VAT_8),
            ("chlodnik", "Chłodnik litewski", 1700, VAT_8),
        ),
    ),
    (
        "Dania główne",
        (
            ("pierogi-ruskie", "Pierogi ruskie", 2900, VAT_8),
            ("pierogi-z-miesem", "Pierogi z mięsem", 3100, VAT_8),
            ("pierogi-z-kapusta", "Pierogi z kapustą i grzybami", 3100, VAT_8),
            ("schabowy", "Kotlet schabowy z ziemniakami i kapustą", 4200, VAT_8),
            ("mielony", "Kotlet mielony z mizerią", 3400, VAT_8),
            ("golonka", "Golonka pieczona w piwie", 5900, VAT_8),
            ("bigos", "Bigos staropolski z pieczywem", 3200, VAT_8),
            ("placki", "Placki ziemniaczane ze śmietaną", 2800, VAT_8),
            ("placek-po-wegiersku", "Placek po węgiersku", 3900, VAT_8),
            ("golabki", "Gołąbki w sosie pomidorowym", 3300, VAT_8),
            ("pstrag", "Pstrąg pieczony z masłem czosnkowym", 5400, VAT_8),
            ("dorsz", "Dorsz smażony z frytkami i surówką", 4900, VAT_8),
            ("kaczka", "Kaczka pieczona z jabłkami", 6900, VAT_8),
            ("zrazy", "Zrazy wołowe z kaszą gryczaną", 5200, VAT_8),
            ("kurczak", "Pierś z kurczaka z grilla z warzywami", 3900, VAT_8),
            ("burger", "Burger wołowy z frytkami", 4400, VAT_8),
            ("kopytka", "Kopytka z sosem grzybowym", 3000, VAT_8),
        ),
    ),
    (
        "Pizza",
        (
            ("pizza-margherita", "Pizza Margherita", 3200, VAT_8),
            ("pizza-capricciosa", "Pizza Capricciosa", 3900, VAT_8),
            ("pizza-diavola", "Pizza Diavola", 4100, VAT_8),
            ("pizza-quattro-formaggi", "Pizza Quattro Formaggi", 4300, VAT_8),
            ("pizza-hawajska", "Pizza hawajska", 3900, VAT_8),
            ("pizza-wiejska", "Pizza wiejska z boczkiem i cebulą", 4200, VAT_8),
            ("pizza-wegetarianska", "Pizza wegetariańska", 3800, VAT_8),
        ),
    ),
    (
        "Desery",
        (
            ("sernik", "Sernik krakowski", 1900, VAT_8),
            ("szarlotka", "Szarlotka z lodami", 2100, VAT_8),
            ("makowiec", "Makowiec", 1700, VAT_8),
            ("paczek", "Pączek z różą", 800, VAT_8),
            ("lody", "Lody rzemieślnicze, 3 gałki", 1800, VAT_8),
            ("nalesniki", "Naleśniki z twarogiem", 2400, VAT_8),
            ("kremowka", "Kremówka", 1600, VAT_8),
        ),
    ),
    (
        "Napoje zimne",
        (
            ("kompot", "Kompot domowy 0,3 l", 900, VAT_8),
            ("lemoniada", "Lemoniada domowa 0,4 l", 1400, VAT_8),
            ("sok-pomaranczowy", "Sok pomarańczowy wyciskany 0,3 l", 1600, VAT_8),
            ("sok-jablkowy", "Sok jabłkowy 0,2 l", 900, VAT_8),
            ("woda", "Woda mineralna 0,5 l", 900, VAT_23),
            ("cola", "Cola 0,33 l", 1000, VAT_23),
            ("tonik", "Tonik 0,2 l", 900, VAT_23),
        ),
    ),
    (
        "Napoje gorące",
        (
            ("espresso", "Espresso", 1000, VAT_23),
            ("americano", "Kawa americano", 1200, VAT_23),
            ("cappuccino", "Cappuccino", 1400, VAT_23),
            ("latte", "Caffè latte", 1500, VAT_23),
            ("herbata", "Herbata czarna", 900, VAT_23),
            ("herbata-zimowa", "Herbata zimowa z malinami", 1500, VAT_23),
            ("czekolada", "Gorąca czekolada", 1600, VAT_8),
        ),
    ),
    (
        "Alkohole",
        (
            ("piwo-lane", "Piwo lane 0,5 l", 1600, VAT_23),
            ("piwo-kraftowe", "Piwo kraftowe 0,5 l", 2200, VAT_23),
            ("wino-czerwone", "Wino czerwone, kieliszek 150 ml", 2400, VAT_23),
            ("wino-biale", "Wino białe, kieliszek 150 ml", 2400, VAT_23),
            ("wodka", "Wódka 40 ml", 1200, VAT_23),
            ("nalewka", "Nalewka wiśniowa 40 ml", 1400, VAT_23),
            ("grzaniec", "Grzaniec galicyjski 0,25 l", 1900, VAT_23),
            ("spritz", "Aperol Spritz", 3200, VAT_23),
            ("cydr", "Cydr 0,33 l", 1800, VAT_23),
        ),
    ),
)


@cache
def restaurant_catalog() -> tuple[tuple[Category, ...], tuple[Product, ...]]:
    """The demo menu: 8 categories ("cat-zupy") and their products ("p-zurek"), in menu order."""
    categories = tuple(Category(f"cat-{group_reference(name)}", name) for name, _ in _MENU)
    products = tuple(
        Product(id=f"p-{key}", name=name, category_id=category.id, price=Money(price), vat=vat)
        for category, (_, items) in zip(categories, _MENU, strict=True)
        for key, name, price, vat in items
    )
    return categories, products
