"""The charte d'engagement in a real browser: Claire Muller sends her N+1 the signature link;
Hélène Roos opens it from the mail, without an account, ticks and signs (issue 19, item 1:
the page's `Referrer-Policy: no-referrer` made Chromium post with `Origin: null`, which
Django's CSRF check refused with a 403)."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from ambassadeurs.choices import PartieCharte
from ambassadeurs.models import SignatureCharte
from tests.browser.conftest import axe_violations, sign_in

pytestmark = pytest.mark.browser

LINK = re.compile(r"https?://[^/\s]+(/charte-n1/\d+/[^/\s]+/)")
CHARTE = "/espace/transfos/strasbourg/chartes/la-mienne/"


def mailed_link(to):
    """The path of the last charter link mailed to `to`."""
    messages = [message for message in mail.outbox if message.to == [to]]
    assert messages, f"no mail to {to}: {[m.to for m in mail.outbox]}"
    return LINK.search(messages[-1].body).group(1)


def n1_page(browser):
    """A tab of its own, without any cookie: the N+1 has no account."""
    context = browser.new_context(locale="fr-FR")
    page = context.new_page()
    page.set_default_timeout(15_000)
    return page


def signatures(partie):
    return SignatureCharte.objects.filter(
        charte__profil__participation__user__email="ambassadrice@demo.test", partie=partie
    )


def test_the_n1_signs_from_the_mailed_link_without_an_account(live_server, demo, page, browser):
    base = live_server.url
    sign_in(page, base, "ambassadrice@demo.test")
    page.goto(base + CHARTE)
    expect(page.get_by_role("heading", level=1)).to_have_text("La charte de Claire Muller")
    assert not signatures(PartieCharte.N1).exists()
    page.get_by_role("button", name="Envoyer au N+1 le lien de signature").click()
    expect(page.get_by_role("status").first).to_contain_text("Un lien à usage unique part")

    n1 = n1_page(browser)
    n1.goto(base + mailed_link("helene.roos@eurometropole.test"))
    expect(n1.get_by_role("heading", level=1)).to_have_text("La charte de Claire Muller")
    assert axe_violations(n1) == []
    n1.get_by_label("J'ai lu la charte et je m'engage à la respecter.").check()
    with n1.expect_response(lambda r: r.request.method == "POST") as posted:
        n1.get_by_role("button", name="Signer la charte").click()
    assert posted.value.status == 200, posted.value.text()[:300]
    expect(n1.get_by_role("status")).to_have_text("Merci : vous avez signé la charte.")
    signature = signatures(PartieCharte.N1).get()
    assert (signature.nom, signature.denoncee_le) == ("Hélène Roos", None)
    # Our own pages still get the Referer (and the real Origin)...
    assert posted.value.request.header_value("referer") == n1.url
    assert posted.value.request.header_value("origin") == base
    # ... but no Referer carrying the token leaves for another site.
    elsewhere = base.replace("localhost", "127.0.0.1") + "/"
    assert elsewhere != base + "/"
    with n1.expect_request(elsewhere) as leaving:
        n1.evaluate(
            """url => { const a = document.createElement("a"); a.href = url;
            document.body.append(a); a.click(); }""",
            elsewhere,
        )
    assert leaving.value.header_value("referer") is None
    n1.context.close()


def test_karim_denounces_his_charter_after_confirming_and_the_others_are_told(
    live_server, demo, browser
):
    """Issue 19, item 2: "Dénoncer" ended a charter in one click and told nobody. Without
    JavaScript, nothing leaves until the box is ticked; then the labo and the N+1 get a mail."""
    base = live_server.url
    context = browser.new_context(locale="fr-FR", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(15_000)
    sign_in(page, base, "ambassadeur@demo.test")
    page.goto(base + CHARTE)
    charte_url = page.url
    karim = SignatureCharte.objects.filter(
        charte__profil__participation__user__email="ambassadeur@demo.test",
        partie=PartieCharte.AMBASSADEUR,
    )
    assert karim.get().active
    partie = page.locator(".charte-partie").filter(has_text="L'ambassadeur·rice")
    partie.get_by_label("Motif (facultatif)").fill("Je change de service.")
    dénoncer = partie.get_by_role("button", name="Dénoncer")
    dénoncer.click()
    # The required box stops the form in the browser itself: still signed, no mail.
    assert page.url == charte_url
    assert karim.get().active and mail.outbox == []

    partie.get_by_label(re.compile("Je confirme dénoncer la charte")).check()
    dénoncer.click()
    expect(page.get_by_role("status").first).to_contain_text(
        "Les autres parties en sont informées par e-mail."
    )
    assert not karim.get().active
    assert sorted(m.to[0] for m in mail.outbox) == [
        "marc.lienhardt@eurometropole.test",
        "pilote@demo.test",
    ]
    assert all("Motif : Je change de service." in m.body for m in mail.outbox)
    context.close()
