"""Every operation of the OpenAPI document, fuzzed by schemathesis as a signed-in owner,
and the sync API's (/v1/sync/…, /v1/authorizations…) again as an enrolled terminal —
the idempotency contract's D5: pushes of generated ops, pulls with generated cursors.

Each operation gets valid requests (positive data) and requests the document says are
wrong (negative data: bad types, missing fields, undecodable bodies). One fuzz run per
module (it is the slow part) feeds two tests: no request may make a 5xx, and every answer
must be one the document promises (status, content type and body schema). Findings name
the operation, the check and a curl command that repeats the request.

Both databases: PostgreSQL refuses what SQLite stores (NUL in text was a 500 there only).
About 30 s each with 15 examples per operation and mode; CRM_FUZZ_EXAMPLES=100 digs deeper.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from crm.services.actor import CLI
from crm.services.container import CrmServices
from crm.store.database import Database
from crm.store.migrate import upgrade_to_head
from tests.crm.conftest import make_admin, signed_in
from tests.live_crm import LiveApi
from tests.postgres import PostgresCluster

EXAMPLES = int(os.environ.get("CRM_FUZZ_EXAMPLES", "15"))
# Signing out would turn every later request into a 401 and test nothing.
SKIPPED = {("POST", "/v1/auth/logout")}
TERMINAL_PATHS = ("/v1/sync/", "/v1/authorizations")
CHECKS = [
    schemathesis.checks.not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@dataclass(frozen=True)
class Finding:
    operation: str
    check: str
    status: int
    detail: str
    curl: str

    def __str__(self) -> str:
        return (
            f"{self.operation}: {self.check} (HTTP {self.status})\n  {self.detail}\n  {self.curl}"
        )


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def findings(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[list[Finding]]:
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("fuzz") / "crm.db"
        url = f"sqlite:///{path}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        cluster.execute(f"CREATE DATABASE crm_fuzz_{os.getpid()} TEMPLATE crm_template")
        request.addfinalizer(
            lambda: cluster.execute(f"DROP DATABASE crm_fuzz_{os.getpid()} WITH (FORCE)")
        )
        url = cluster.url(f"crm_fuzz_{os.getpid()}")
    database = Database.at(url)
    upgrade_to_head(database.engine)
    services = CrmServices(database)
    api = LiveApi(services).start()
    try:
        make_admin(services, "olga")
        owner = signed_in(api, "olga")
        auth = {"Authorization": str(owner.headers["Authorization"])}
        owner.close()
        code = services.terminals.create_code_for_shop_named(CLI, "Fuzz").code
        till = {"Authorization": f"Bearer {services.terminals.enrol(code, 'Kasa').token}"}
        yield fuzz(api.url, auth) + fuzz(api.url, till, only=TERMINAL_PATHS)
    finally:
        api.stop()
        services.close()


def fuzz(url: str, auth: dict[str, str], only: tuple[str, ...] = ("/",)) -> list[Finding]:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    found: dict[tuple[str, str], Finding] = {}  # the first example of each kind is enough
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # the document itself is wrong about an operation
            error = result.err()
            found[(str(error), "schema")] = Finding("?", "invalid OpenAPI", 0, str(error), "")
            continue
        operation = result.ok()
        if (operation.method.upper(), operation.path) in SKIPPED:
            continue
        if not operation.path.startswith(only):
            continue
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            try:
                fuzz_one(operation, mode, url, auth, found)
            except Unsatisfiable:  # nothing of it can be wrong (no parameters, no body)
                assert mode is GenerationMode.NEGATIVE
    return list(found.values())


def fuzz_one(
    operation: schemathesis.APIOperation[Any, Any, Any, Any],
    mode: GenerationMode,
    url: str,
    auth: dict[str, str],
    found: dict[tuple[str, str], Finding],
) -> None:
    label = f"{operation.method.upper()} {operation.path} ({mode.value} data)"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests every run, so a finding can be repeated
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case: schemathesis.Case[Any]) -> None:
        try:
            response = case.call(base_url=url, headers=auth, timeout=30)
        except requests.RequestException as error:  # no answer at all: worse than a 500
            curl = _shortened(case.as_curl_command(headers=auth))
            found.setdefault(
                (label, "no answer"), Finding(label, "no answer", 599, str(error), curl)
            )
            return
        try:
            case.validate_response(response, checks=CHECKS, headers=auth)
        except FailureGroup as group:
            for failure in group.exceptions:
                found.setdefault(
                    (label, failure.title),
                    Finding(
                        label,
                        failure.title,
                        response.status_code,
                        " ".join(str(failure.message).split())[:400],
                        _shortened(case.as_curl_command(headers=auth)),
                    ),
                )

    run()


def _shortened(text: str, limit: int = 600) -> str:
    return text if len(text) <= limit else text[:limit] + " …"


def test_no_generated_request_makes_a_server_error(findings: list[Finding]) -> None:
    errors = [finding for finding in findings if finding.status >= 500]
    assert not errors, "\n".join(map(str, errors))


def test_every_answer_is_one_the_openapi_document_promises(findings: list[Finding]) -> None:
    wrong = [finding for finding in findings if finding.status < 500]  # 0: the document
    assert not wrong, "\n".join(map(str, wrong))
