"""The HTML pages, in-process: what an analyst sees, and that article text can never run as code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from comity import api
from comity.cli import app as cli_app
from comity.model import Document, Found, Metadata, Section, SectionKind, Span
from comity.store import Store
from comity.web import DEFAULT_HOST, create_app

HOSTILE_BODY = ("Ruritania protested to Freedonia <script>alert(1)</script> over the border "
                "<img src=x onerror=alert(2)>.")
HOSTILE_COMMENT = "<script>document.cookie</script> first!"


@pytest.fixture(scope="module")
def hostile_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    """A store holding one article whose text is markup, with one event mention over it."""
    text = f"Border row\n\n{HOSTILE_BODY}\n\n{HOSTILE_COMMENT}\n"
    body_start = text.index(HOSTILE_BODY)
    comment_start = text.index(HOSTILE_COMMENT)
    doc = Document(
        doc_id="hostile", text=text, content_hash="h", origin="hostile.txt", input_format="txt",
        meta=Metadata(title=Found("Border row", "text:headline")),
        sections=[Section(SectionKind.HEADLINE, Span(0, 10)),
                  Section(SectionKind.BODY, Span(body_start, body_start + len(HOSTILE_BODY))),
                  Section(SectionKind.COMMENT, Span(comment_start, comment_start + len(HOSTILE_COMMENT)),
                          reason="reader comment")],
    )
    mention = {
        "mention_id": "m-hostile", "event_id": "m-hostile", "doc_id": "hostile", "section": "body",
        "source": {"text": "Ruritania", "code": "RUR", "country": "RUR", "actor_id": None},
        "target": {"text": "Freedonia", "code": "FRE", "country": "FRE", "actor_id": None},
        "cameo": "111", "plover": "ACCUSE", "quad_class": 3, "goldstein": -2.0, "date": "2020-01-02",
        "date_precision": "day", "date_basis": "explicit", "place": None, "factuality": "asserted",
        "evidence": {"start": body_start, "end": body_start + len(HOSTILE_BODY), "text": HOSTILE_BODY},
        "trigger": {"start": body_start + 10, "end": body_start + 19, "text": "protested"},
        "rule": "test", "outlet": None,
    }
    db = tmp_path_factory.mktemp("hostile") / "hostile.duckdb"
    with Store(db) as store:
        store.save_document(doc, "run-test", "cfg", [mention])
        api.relink(store)
    return TestClient(create_app(db))


def test_article_markup_is_shown_as_text_never_run(hostile_client):
    html = hostile_client.get("/articles/hostile").text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;script&gt;document.cookie&lt;/script&gt;" in html
    assert "<script" not in html and "<img" not in html


def test_event_page_escapes_the_evidence_too(hostile_client):
    event_id = hostile_client.get("/api/events").json()["events"][0]["event_id"]
    for url in (f"/events/{event_id}", "/search?words=alert", "/dyad?a=RUR&b=FRE"):
        html = hostile_client.get(url).text
        assert "alert(1)" in html, url
        assert "<script" not in html and "<img" not in html, url


def test_pages_forbid_inline_and_foreign_scripts(client):
    policy = client.get("/").headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy


@pytest.mark.parametrize("url", ["/", "/search", "/dyad?a=PRK&b=USA", "/articles/06_cuba_protests_gulfstream",
                                 "/actors/person:kim-jong-un", "/api"])
def test_pages_load_nothing_from_elsewhere(client, url):
    html = client.get(url).text
    assert client.get(url).status_code == 200
    external = re.findall(r'(?:src|href)="(?:https?:)?//', html)
    assert not external, url


def test_article_sets_comments_apart_as_not_coded(client):
    html = client.get("/articles/06_cuba_protests_gulfstream").text
    comments = re.findall(r'<section class="sec kind-comment not-coded">\s*<p class="label">([^<]*)</p>', html)
    assert comments and all("not coded" in label for label in comments)
    body = re.findall(r'<section class="sec kind-body">', html)
    assert body
    assert "<mark class=\"evidence\"" in html


def test_event_page_highlights_each_mentions_evidence(client):
    event = client.get("/api/events", params={"a": "CUB", "b": "USA"}).json()["events"][0]
    html = client.get(f"/events/{event['event_id']}").text
    marked = re.findall(r'<mark class="evidence"[^>]*>([^<]*)</mark>', html)
    mentions = client.get(f"/api/events/{event['event_id']}").json()["mentions"]
    assert len(marked) == len(mentions)
    assert {m["evidence"]["text"] for m in mentions} == set(marked)


def test_dyad_page_draws_a_bar_per_period_linking_to_its_events(client):
    html = client.get("/dyad?a=PRK&b=USA").text
    series = client.get("/api/dyad", params={"a": "PRK", "b": "USA"}).json()["series"]
    bars = re.findall(r'<a href="(/dyad\?[^"]*period=([^&"#]+)[^"]*)" class="bar">', html)
    assert [period for _, period in bars] == [r["period"] for r in series]
    assert html.count('<circle class="goldstein"') == len(series)
    first_period_page = client.get(bars[0][0].replace("&amp;", "&")).text
    assert f"in {series[0]['period']}" in first_period_page


def test_search_page_paginates_with_every_filter_kept(client):
    html = client.get("/search?country=PRK&page_size=3").text
    next_link = re.search(r'<a rel="next" href="([^"]+)"', html).group(1).replace("&amp;", "&")
    assert "country=PRK" in next_link and "page=2" in next_link
    assert "page 2 of" in client.get(next_link).text


def test_actor_page_shows_roles_and_counterparts(client):
    html = client.get("/actors/person:kim-jong-un").text
    assert "Roles" in html and "Counterparts" in html
    assert "/actors/person:moon-jae-in" in html


def test_unknown_article_is_a_404_page(client):
    response = client.get("/articles/not-there")
    assert response.status_code == 404 and "not-there" in response.text


def test_serve_binds_to_this_machine_only_by_default():
    import typer.main

    serve = typer.main.get_command(cli_app).commands["serve"]
    host = next(p for p in serve.params if p.name == "host")
    assert host.default == DEFAULT_HOST == "127.0.0.1"
    db = next(p for p in serve.params if p.name == "db")
    assert Path(db.default).name == "comity.duckdb"


def test_article_evidence_links_to_its_event_and_comments_carry_no_evidence(client):
    html = client.get("/articles/06_cuba_protests_gulfstream").text
    links = re.findall(r'<a class="evidence-link" href="/events/(e-[0-9a-f]+)">', html)
    found = client.get("/api/events", params={"country": "CUB", "page_size": 100}).json()["events"]
    events = {e["event_id"] for e in found}
    assert links and set(links) <= events
    for section in re.findall(r'<section class="sec kind-comment not-coded">(.*?)</section>', html, flags=re.S):
        assert "<mark" not in section


@pytest.fixture(scope="module")
def many_client(tmp_path_factory: pytest.TempPathFactory) -> tuple[TestClient, Path]:
    """A store of 60 one-line articles, one of them with '/' in its id."""
    db = tmp_path_factory.mktemp("many") / "many.duckdb"
    with Store(db) as store:
        for number in range(60):
            doc_id = "wire/2021/x1" if number == 0 else f"d{number:02d}"
            text = f"Headline {number}\n\nBody of article {number}.\n"
            doc = Document(doc_id=doc_id, text=text, content_hash=str(number), origin=f"{number}.txt",
                           input_format="txt", meta=Metadata(title=Found(f"Headline {number}", "text:headline")),
                           sections=[Section(SectionKind.HEADLINE, Span(0, text.index("\n"))),
                                     Section(SectionKind.BODY, Span(text.index("Body"), len(text)))])
            store.save_document(doc, "run-test", "cfg", [])
    return TestClient(create_app(db, busy_wait_s=0.3)), db


def test_the_overview_and_the_documents_api_are_paged(many_client):
    client, _ = many_client
    first, third = client.get("/"), client.get("/?page=3")
    assert "60 articles · page 1 of 3" in first.text and "Headline 1<" in first.text
    assert first.text.count('href="/articles/') == 25 and third.text.count('href="/articles/') == 10
    answer = client.get("/api/documents", params={"page": 2, "page_size": 50}).json()
    assert (answer["total"], answer["pages"], len(answer["documents"])) == (60, 2, 10)
    assert client.get("/api/documents", params={"page_size": 1000}).json()["page_size"] == 100


def test_an_id_with_slashes_reaches_its_pages(many_client):
    client, _ = many_client
    overview = client.get("/?page=3").text  # ids sort "d01" … "d59", "wire/2021/x1"
    assert 'href="/articles/wire%2F2021%2Fx1"' in overview
    for path in ("/articles/wire%2F2021%2Fx1", "/articles/wire/2021/x1"):
        assert client.get(path).status_code == 200
        assert "Body of article 0." in client.get(path).text
    assert client.get("/api/documents/wire/2021/x1").json()["doc_id"] == "wire/2021/x1"


def test_while_a_writer_holds_its_turn_pages_answer_503_with_retry_after_and_no_path(many_client):
    from comity.store.access import WriterTurns

    client, db = many_client
    turns = WriterTurns(db, wait_s=5)
    con = turns.start()
    try:
        page, data = client.get("/"), client.get("/api/documents")
    finally:
        turns.stop(con)
    for response in (page, data):
        assert response.status_code == 503 and response.headers["Retry-After"] == "2"
        assert str(db) not in response.text and "PID" not in response.text
    assert client.get("/").status_code == 200  # the turn is over
