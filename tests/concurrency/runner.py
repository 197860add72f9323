"""Concurrency harness, run in its own process by ``test_concurrency.py``.

``python runner.py prepare``: migrate the database, store the sample conventions, create
an administrator and an API token (printed as JSON).
``python runner.py mixed --threads 10 --ops 30 [--processes N]``: writers recording at
once on one convention, through the web forms and the API; prints the outcome as JSON
(every unexpected answer, and the register's figures read afterwards).
``python runner.py overpay --threads 9``: nine payments of 2 000 € at the same instant
on the 12 500 € grant.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import threading
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "concurrency_settings")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

REFERENCE = "ville-saint-gwenael-misb-2026"
GRANT = "subvention-2026"
GRANT_TOTAL = Decimal("12500")
DAY = date(2026, 11, 20)
KINDS = ("web_payment", "api_payment", "web_meeting", "web_amendment", "web_document")


def prepare() -> dict[str, Any]:
    from pacte.api.services import api_token_create
    from pacte.conventions.services import convention_store
    from pacte.samples import sample_paths
    from pacte.terms import load_convention_yaml

    call_command("migrate", verbosity=0)
    for path in sample_paths():
        terms = load_convention_yaml(path.read_text(encoding="utf-8"), source=path.name)
        convention_store(terms=terms)
    admin = get_user_model().objects.create_superuser("admin", password="mot-de-passe-solide")
    _, token = api_token_create(user=admin, name="concurrence")
    return {"token": token}


def _web(slug: str, data: dict[str, str]) -> tuple[str, dict[str, str]]:
    return reverse("convention_action", args=[REFERENCE, slug]), data


def operation(kind: str, writer: int, op: int) -> tuple[str, dict[str, Any], int]:
    """The request of one operation: (url, data, status expected)."""
    n = writer * 1000 + op
    if kind == "web_payment":
        url, data = _web(
            "versement",
            {
                "payment-grant": GRANT,
                "payment-amount": "200",
                "payment-paid_on": DAY.isoformat(),
                "payment-year": "2026",
                "payment-reference": f"W-{n}",
                # the balance waits for the committee's PV: paid with a reason
                "payment-override_reason": "pièces transmises",
            },
        )
        return url, data, 302
    if kind == "api_payment":
        url = f"/api/v1/conventions/{REFERENCE}/payments"
        body = {
            "amount": "200",
            "paid_on": DAY.isoformat(),
            "grant": GRANT,
            "reference": f"A-{n}",
            "override_reason": "pièces transmises",
        }
        return url, body, 201
    if kind == "web_meeting":
        held = date(2024, 1, 1) + timedelta(days=writer * 40 + op)
        url, data = _web("reunion", {"meeting-body": "copil", "meeting-held_on": held.isoformat()})
        return url, data, 302
    if kind == "web_amendment":
        ends = date(2027, 12, 31) + timedelta(days=n % 997)
        url, data = _web(
            "avenant",
            {
                "amendment-signed_on": DAY.isoformat(),
                "amendment-summary": f"Fin reportée (écrivain {writer}, opération {op})",
                "amendment-ends_on": ends.isoformat(),
            },
        )
        return url, data, 302
    url, data = _web(
        "document",
        {
            "document-kind": "activity_report",
            "document-year": "2026",
            "document-received_on": DAY.isoformat(),
        },
    )
    return url, data, 302


def _post(client: Client, url: str, data: dict[str, Any], key: str | None) -> Any:
    if url.startswith("/api/"):
        headers = {"Idempotency-Key": key} if key else {}
        return client.post(url, data, content_type="application/json", headers=headers)
    return client.post(url, data)


def writer_run(writer: int, ops: int, token: str, kinds: tuple[str, ...]) -> list[dict[str, Any]]:
    """One writer: ``ops`` operations in turn; every unexpected answer is returned."""
    web = Client()
    web.force_login(get_user_model().objects.get(username="admin"))
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    errors: list[dict[str, Any]] = []
    try:
        for op in range(ops):
            kind = kinds[(writer + op) % len(kinds)]
            url, data, expected = operation(kind, writer, op)
            client = api if url.startswith("/api/") else web
            key = f"w{writer}-op{op}"
            attempts = 2 if kind == "api_payment" else 1  # an API retry: same key, same body
            for _ in range(attempts):
                try:
                    response = _post(client, url, data, key)
                except Exception as error:  # a crash in the app: counted, reported
                    errors.append({"kind": kind, "status": "exception", "detail": repr(error)})
                    continue
                if response.status_code != expected:
                    body = response.content[:300].decode("utf-8", "replace")
                    errors.append({"kind": kind, "status": response.status_code, "detail": body})
    finally:
        connection.close()
    return errors


def expected_counts(writers: list[int], ops: int, kinds: tuple[str, ...]) -> dict[str, int]:
    counts = dict.fromkeys(kinds, 0)
    for writer in writers:
        for op in range(ops):
            counts[kinds[(writer + op) % len(kinds)]] += 1
    return counts


def outcome() -> dict[str, Any]:
    from pacte.followup.models import Amendment, DocumentReceived, Meeting, Payment, StoredFigures

    payments = list(Payment.objects.filter(convention__reference=REFERENCE))
    paid = sum((p.amount for p in payments), Decimal(0))
    figures = StoredFigures.objects.filter(convention__reference=REFERENCE).first()
    return {
        "payments": len(payments),
        "web_payments": sum(p.reference.startswith("W-") for p in payments),
        "api_payments": sum(p.reference.startswith("A-") for p in payments),
        "paid": str(paid),
        "overpaid": str(sum((p.overpaid for p in payments), Decimal(0))),
        "overpaid_expected": str(max(paid - GRANT_TOTAL, Decimal(0))),
        "meetings": Meeting.objects.filter(convention__reference=REFERENCE).count(),
        "documents": DocumentReceived.objects.filter(convention__reference=REFERENCE).count(),
        "amendment_numbers": sorted(
            Amendment.objects.filter(convention__reference=REFERENCE).values_list(
                "number", flat=True
            )
        ),
        "stored_amendments": figures.amendments if figures else None,
    }


def run_threads(writers: list[int], ops: int, token: str, kinds: tuple[str, ...]) -> list[Any]:
    errors: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(len(writers))

    def target(writer: int) -> None:
        start.wait()
        found = writer_run(writer, ops, token, kinds)
        with lock:
            errors.extend(found)

    threads = [threading.Thread(target=target, args=(w,)) for w in writers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["prepare", "mixed", "overpay", "worker"])
    parser.add_argument("--threads", type=int, default=10)
    parser.add_argument("--ops", type=int, default=30)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--first", type=int, default=0)
    parser.add_argument("--token", default="")
    parser.add_argument("--kinds", default=",".join(KINDS))
    args = parser.parse_args()
    kinds = tuple(args.kinds.split(","))
    if args.what == "prepare":
        print(json.dumps(prepare()))
        return
    if args.what == "worker":  # one process of a multi-process run: its threads' errors
        writers = list(range(args.first, args.first + args.threads))
        print(json.dumps(run_threads(writers, args.ops, args.token, kinds)))
        return
    began = time.perf_counter()
    if args.what == "overpay":
        errors = run_overpay(args.threads, args.token)
        counts = {"api_payment": args.threads}
    elif args.processes > 1:
        errors, writers = run_processes(args, kinds)
        counts = expected_counts(writers, args.ops, kinds)
    else:
        writers = list(range(args.threads))
        errors = run_threads(writers, args.ops, args.token, kinds)
        counts = expected_counts(writers, args.ops, kinds)
    result = {"errors": errors, "expected": counts, "seconds": time.perf_counter() - began}
    result.update(outcome())
    print(json.dumps(result))


def run_processes(args: argparse.Namespace, kinds: tuple[str, ...]) -> tuple[list[Any], list[int]]:
    children = [
        subprocess.Popen(
            [
                sys.executable,
                __file__,
                "worker",
                f"--threads={args.threads}",
                f"--ops={args.ops}",
                f"--first={p * args.threads}",
                f"--token={args.token}",
                f"--kinds={','.join(kinds)}",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        for p in range(args.processes)
    ]
    errors: list[Any] = []
    for child in children:
        out, _ = child.communicate()
        if child.returncode != 0:
            errors.append({"kind": "process", "status": child.returncode, "detail": out[-300:]})
        else:
            errors += json.loads(out.strip().splitlines()[-1])
    return errors, list(range(args.processes * args.threads))


def run_overpay(threads: int, token: str) -> list[Any]:
    """``threads`` payments of 2 000 € posted at the same instant (half web, half API)."""
    errors: list[Any] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def target(i: int) -> None:
        client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        url = f"/api/v1/conventions/{REFERENCE}/payments"
        body = {"amount": "2000", "paid_on": DAY.isoformat(), "grant": GRANT, "year": 2026}
        body["reference"] = f"A-{i}"
        body["override_reason"] = "pièces transmises"
        start.wait()
        try:
            response = client.post(url, body, content_type="application/json")
            if response.status_code != 201:
                with lock:
                    errors.append(
                        {"status": response.status_code, "detail": str(response.content[:300])}
                    )
        finally:
            connection.close()

    pool = [threading.Thread(target=target, args=(i,)) for i in range(threads)]
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    return errors


if __name__ == "__main__":
    main()
