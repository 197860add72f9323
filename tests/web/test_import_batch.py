"""Many files at once: read in the background (``pacte.tasks``, in process here), a
progress bar, each file's state and what remains to check; a run stopped midway is
taken up again without reading a file twice."""

from __future__ import annotations

import html

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from test_imports import CONVENTION

from pacte.documents import services
from pacte.documents.models import ImportDraft
from pacte.documents.selectors import import_batch_progress
from pacte.documents.services import import_batch_create, import_batch_run

pytestmark = pytest.mark.django_db


def files(count: int) -> list[SimpleUploadedFile]:
    return [
        SimpleUploadedFile(
            f"convention-{n}.txt", CONVENTION.replace("2 500 €", f"{2500 + n} €").encode()
        )
        for n in range(count)
    ]


def test_twelve_files_are_read_in_the_background_with_their_progress(agent, users) -> None:
    refused = SimpleUploadedFile("photo.exe", b"MZ")
    response = agent.post(reverse("import_list"), {"files": [*files(12), refused]})
    assert response.status_code == 302
    url = response["Location"]
    assert url.startswith("/imports/lots/")
    page = html.unescape(agent.get(url).content.decode())
    assert "Terminé : 12 fichiers lus." in page
    assert 'data-finished="oui"' in page and 'value="12"' in page
    assert "photo.exe : ce type de fichier n'est pas lu" in page  # said once, on arrival
    assert page.count(">Relire<") == 12
    assert "valeur" in page and "à vérifier" in page
    assert ImportDraft.objects.count() == 12
    # the list of imports says what remains in each
    listing = html.unescape(agent.get(reverse("import_list")).content.decode())
    assert "12 documents à relire" in listing


def test_a_run_stopped_midway_is_taken_up_again(users, monkeypatch) -> None:
    batch = import_batch_create(files=[(f.name, f.read()) for f in files(5)], by=users["agent"])
    real, calls = services.document_import, []

    def stops_at_the_third(**kwargs):
        calls.append(kwargs["filename"])
        if len(calls) == 3:
            raise SystemExit("arrêt du processus")
        return real(**kwargs)

    monkeypatch.setattr(services, "document_import", stops_at_the_third)
    with pytest.raises(SystemExit):
        import_batch_run(batch=batch)
    progress = import_batch_progress(batch)
    assert (progress.done, progress.total, progress.finished) == (2, 5, False)
    client = Client()
    client.force_login(users["agent"])
    page = html.unescape(client.get(reverse("import_batch", args=[batch])).content.decode())
    assert "2 fichiers lus sur 5" in page and 'data-finished="non"' in page
    assert page.count("en attente de lecture") == 3

    monkeypatch.setattr(services, "document_import", real)
    assert import_batch_run(batch=batch) == 3
    assert import_batch_run(batch=batch) == 0  # nothing read twice
    assert import_batch_progress(batch).finished
    assert ImportDraft.objects.count() == 5


@pytest.mark.parametrize(
    ("role", "status"),
    [("anonymous", 302), ("partner_x", 403), ("reader", 403), ("admin", 200), ("agent", 200)],
)
def test_only_its_author_and_the_administrator_follow_a_batch(role, status, users) -> None:
    batch = import_batch_create(files=[("a.txt", CONVENTION.encode())], by=users["agent"])
    client = Client()
    if role != "anonymous":
        client.force_login(users[role])
    assert client.get(reverse("import_batch", args=[batch])).status_code == status
    if role == "agent":
        assert client.get(reverse("import_batch", args=["0" * 16])).status_code == 404
        assert client.get("/imports/lots/..%2Fetc/").status_code == 404
