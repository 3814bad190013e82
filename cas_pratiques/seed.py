"""Demo data of this app: the emblematic cas pratiques of the retex (seed 001) and others.

Sources: seed 001 (the retex of May 2020: les bureaux volants, Amelio / le Brico Concierge,
les mégotiers, les inscriptions scolaires, les pieds d'arbres, le Bois des Forts, and its
"conditions de réussite d'un cas"), seed 004 (Intertransfo n°1: la carte Max, la carte
citoyenne), seed 003 (Transfo Strasbourg, session #9: le comptoir des services) and seed 000
(the mégots "commandé" by the mayor's chief of staff in Mulhouse).

Working material (private): the tamis de critères of seed 003 with the comptoir des
services' ideas placed on it, the fiche idée of the carte citoyenne (seed 004) and its
pistes, and an immersion trinôme of the inscriptions scolaires.

The records are in cas_pratiques/data/: cas.toml, tamis.toml, fiches.toml, immersions.toml.
"""

import io
from datetime import datetime, time

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image, ImageDraw

from cas_pratiques.choices import (
    EtatPublication,
    Finalite,
    ModeIntervention,
    ModeSaisine,
    StatutCas,
    TypeLivrable,
    TypeSujet,
    Viabilite,
)
from cas_pratiques.models import (
    CasPratique,
    Contact,
    FicheIdee,
    Immersion,
    Livrable,
    Photo,
    Tamis,
    TamisPlacement,
)
from cas_pratiques.synthetic import link_methodes, synthetic_case
from collectivites.models import Methode, Session, Transfo
from transfo import seeddata
from transfo.seeddata import OPTIONAL, REQUIRED, records

PUBLIE, A_RELIRE, BROUILLON = (
    EtatPublication.PUBLIE,
    EtatPublication.A_RELIRE,
    EtatPublication.BROUILLON,
)

CASES = seeddata.load(
    "cas_pratiques",
    "cas",
    {
        "cas": records(
            {
                "transfo": REQUIRED,
                "numero": REQUIRED,
                "titre": REQUIRED,
                "sujet": REQUIRED,
                "problematique": "",
                "direction_porteuse": "",
                "porteur": "",
                "mode_saisine": REQUIRED,
                "type_sujet": REQUIRED,
                "finalites": REQUIRED,
                "modes_intervention": REQUIRED,
                "methodes": REQUIRED,
                "sessions": None,
                "statut": REQUIRED,
                "debut": REQUIRED,
                "fin": None,
                "resume": "",
                "methode": "",
                "resultats": "",
                "suites": "",
                "notes_internes": "",
                "etat": REQUIRED,
                "commentaire_relecture": "",
                "livrables": records({"titre": REQUIRED, "public": REQUIRED}),
                "photos": records({"alt": REQUIRED, "public": REQUIRED}),
                "contacts": records(
                    {"nom": REQUIRED, "role": REQUIRED, "email": REQUIRED, "consentement": REQUIRED}
                ),
            }
        )
    },
)["cas"]

# The working material of three cases, each file naming its case (`transfo`, `cas`).
TAMIS = seeddata.load(
    "cas_pratiques",
    "tamis",
    {
        "transfo": REQUIRED,
        "cas": REQUIRED,
        "titre": REQUIRED,
        "critere_gauche": REQUIRED,
        "critere_droite": REQUIRED,
        "critere_haut": REQUIRED,
        "critere_bas": REQUIRED,
        "fiches": records(
            {
                "nom": REQUIRED,
                "piste": REQUIRED,
                "viabilite": REQUIRED,
                "mon_projet": REQUIRED,
                "x": REQUIRED,
                "y": REQUIRED,
            }
        ),
    },
)
FICHES = seeddata.load(
    "cas_pratiques",
    "fiches",
    {
        "transfo": REQUIRED,
        "cas": REQUIRED,
        "fiches": records(
            {
                "nom": REQUIRED,
                "piste": REQUIRED,
                "equipe": OPTIONAL,
                "mon_projet": OPTIONAL,
                "fonctionnement": OPTIONAL,
                "obstacles": OPTIONAL,
                "leviers": OPTIONAL,
                "post_it": OPTIONAL,
                "schemas": OPTIONAL,
            }
        ),
    },
)
IMMERSIONS = seeddata.load(
    "cas_pratiques",
    "immersions",
    {
        "transfo": REQUIRED,
        "cas": REQUIRED,
        "immersions": records(
            {
                "lieu": REQUIRED,
                "date": REQUIRED,
                "journaliste": REQUIRED,
                "observateur": REQUIRED,
                "photographe": REQUIRED,
                "notes": REQUIRED,
            }
        ),
    },
)


def seed_travail(log):
    """The working material of three cases; each part is found again by its name."""
    cases = {
        (cas.transfo.slug, cas.numero): cas
        for cas in CasPratique.objects.select_related("transfo").filter(
            transfo__slug__in={data["transfo"] for data in (TAMIS, FICHES, IMMERSIONS)}
        )
    }
    comptoir = cases.get((TAMIS["transfo"], TAMIS["cas"]))
    if comptoir is not None:
        fields = {k: v for k, v in TAMIS.items() if k not in {"transfo", "cas", "fiches"}}
        tamis, _created = Tamis.objects.update_or_create(
            cas=comptoir, titre=fields["titre"], defaults=fields
        )
        for spec in TAMIS["fiches"]:
            fiche, _created = FicheIdee.objects.update_or_create(
                cas=comptoir,
                nom=spec["nom"],
                defaults={
                    "piste": spec["piste"],
                    "equipe": "Binôme d'ambassadeurs",
                    "viabilite": Viabilite(spec["viabilite"]),
                    "mon_projet": spec["mon_projet"],
                },
            )
            TamisPlacement.objects.update_or_create(
                tamis=tamis, fiche=fiche, defaults={"x": spec["x"], "y": spec["y"]}
            )
    carte = cases.get((FICHES["transfo"], FICHES["cas"]))
    if carte is not None:
        for spec in FICHES["fiches"]:
            FicheIdee.objects.update_or_create(
                cas=carte, nom=spec["nom"], defaults={k: v for k, v in spec.items() if k != "nom"}
            )
    inscriptions = cases.get((IMMERSIONS["transfo"], IMMERSIONS["cas"]))
    if inscriptions is not None:
        users = {u.email: u for u in get_user_model().objects.filter(email__endswith="@demo.test")}
        for spec in IMMERSIONS["immersions"]:
            fields = dict(spec)
            for role in Immersion.ROLES:
                fields[role] = users.get(fields[role])
            Immersion.objects.update_or_create(
                cas=inscriptions, lieu=fields.pop("lieu"), defaults=fields
            )
    log("  matériau de travail : tamis et fiches idées (seeds 003, 004), immersion")


def tiny_pdf(title, lines):
    """A one-page PDF written by hand: enough for a real download of the demo."""
    text = [f"BT /F1 18 Tf 72 770 Td ({_pdf_escape(title)}) Tj ET"]
    for n, line in enumerate(lines):
        text.append(f"BT /F1 11 Tf 72 {740 - 16 * n} Td ({_pdf_escape(line)}) Tj ET")
    stream = "\n".join(text).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _pdf_escape(text):
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def tiny_png(label):
    image = Image.new("RGB", (640, 400), (238, 242, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((270, 80, 370, 320), fill=(30, 58, 138))
    draw.text((24, 360), label[:80], fill=(17, 28, 61))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def run(*, scale, log):
    transfos = {t.slug: t for t in Transfo.objects.select_related("collectivite")}
    methodes = {m.slug: m for m in Methode.objects.all()}
    count = 0
    for spec in CASES:
        transfo = transfos.get(spec["transfo"])
        if transfo is None:
            continue
        seed_case(transfo, spec, methodes)
        count += 1
    log(f"  {count} cas pratiques (seeds 001, 003, 004)")
    seed_travail(log)
    if scale:
        seed_synthetic(scale, log)


def seed_case(transfo, spec, methodes):
    debut, fin = spec["debut"], spec["fin"]
    etat = EtatPublication(spec["etat"])
    fields = {
        "titre": spec["titre"],
        "sujet": spec["sujet"],
        "problematique": spec["problematique"],
        "direction_porteuse": spec["direction_porteuse"],
        "porteur": spec["porteur"],
        "mode_saisine": ModeSaisine(spec["mode_saisine"]),
        "type_sujet": TypeSujet(spec["type_sujet"]),
        "finalites": [Finalite(value) for value in spec["finalites"]],
        "modes_intervention": [ModeIntervention(value) for value in spec["modes_intervention"]],
        "statut": StatutCas(spec["statut"]),
        "date_debut": debut,
        "date_fin": fin,
        "resume": spec["resume"],
        "methode": spec["methode"],
        "resultats": spec["resultats"],
        "suites": spec["suites"],
        "notes_internes": spec["notes_internes"],
        "cadre_experimental_partage": True,
        "engagement_porteur": etat == PUBLIE,
        "portage_politique_technique": True,
        "perimetre_clair": etat != BROUILLON,
        "etat": etat,
        "commentaire_relecture": spec["commentaire_relecture"],
    }
    cas = CasPratique.objects.filter(transfo=transfo, numero=spec["numero"]).first()
    if cas is None:
        cas = CasPratique(transfo=transfo, numero=spec["numero"])
    for name, value in fields.items():
        setattr(cas, name, value)
    if etat == PUBLIE and cas.publie_le is None:
        cas.publie_le = timezone.make_aware(datetime.combine(fin or debut, time(12, 0)))
    if etat == A_RELIRE and cas.soumis_le is None:
        cas.soumis_le = timezone.now()
    cas.save()
    cas.methodes.set([methodes[s] for s in spec["methodes"] if s in methodes])
    # The demo's sessions are titled after the case they work on ("Cas pratique 2 : ...").
    prefix = spec["sessions"] or f"Cas pratique {spec['numero']} "
    sessions = Session.objects.programmes().filter(transfo=transfo, titre__startswith=prefix)
    if spec["sessions"] == "Cas pratique 3":
        sessions = sessions | Session.objects.programmes().filter(transfo=transfo, numero=9)
    cas.sessions.set(sessions)
    for livrable_spec in spec["livrables"]:
        titre, public = livrable_spec["titre"], livrable_spec["public"]
        if not cas.livrables.filter(titre=titre).exists():
            content = tiny_pdf(titre, [cas.titre, transfo.nom, "La Transfo, La 27e Région"])
            livrable = Livrable(
                cas=cas, titre=titre, public=public, type=TypeLivrable.PDF, taille=len(content)
            )
            livrable.fichier.save(f"{slugify(titre)}.pdf", ContentFile(content), save=False)
            livrable.save()
    for photo_spec in spec["photos"]:
        alt, public = photo_spec["alt"], photo_spec["public"]
        if not cas.photos.filter(alt=alt).exists():
            photo = Photo(cas=cas, alt=alt, public=public, legende=cas.titre)
            photo.image.save(f"{cas.slug}.png", ContentFile(tiny_png(alt)), save=False)
            photo.save()
    # Consent recorded when the case ended (a fixed date keeps the seed idempotent).
    recorded = timezone.make_aware(datetime.combine(fin or debut, time(12, 0)))
    for contact in spec["contacts"]:
        consent = contact["consentement"]
        Contact.objects.update_or_create(
            cas=cas,
            nom=contact["nom"],
            defaults={
                "role": contact["role"],
                "email": contact["email"],
                "consentement_le": recorded if consent else None,
                "consentement_source": "Accord écrit recueilli par la résidente" if consent else "",
            },
        )
    return cas


# Five cases a synthetic Transfo: 2,000 at --scale 50 (issue 10), four in five published in
# the vitrine with their méthodes and sessions, the fifth in review or draft.
SYNTHETIC_CASES_PER_TRANSFO = 5


def seed_synthetic(scale, log):
    """Cases of the synthetic Transfos, from the seeds' vocabulary (bulk, idempotent)."""
    transfos = list(
        Transfo.objects.filter(slug__startswith="synthetique-")
        .select_related("collectivite")
        .order_by("pk")
    )
    if not transfos:
        return
    total = SYNTHETIC_CASES_PER_TRANSFO * len(transfos)
    existing = set(
        CasPratique.objects.filter(slug__startswith="cas-synthetique-").values_list(
            "slug", flat=True
        )
    )
    numeros = dict(
        CasPratique.objects.filter(transfo__in=transfos)
        .values("transfo_id")
        .annotate(n=Max("numero"))
        .values_list("transfo_id", "n")
    )
    now = timezone.now()
    cases = []
    for i in range(total):
        if f"cas-synthetique-{i}" in existing:
            continue
        transfo = transfos[i % len(transfos)]
        numeros[transfo.pk] = numeros.get(transfo.pk, 0) + 1
        etat = (PUBLIE, PUBLIE, PUBLIE, PUBLIE, A_RELIRE if i % 2 else BROUILLON)[
            (i // len(transfos)) % SYNTHETIC_CASES_PER_TRANSFO
        ]
        cases.append(synthetic_case(i, transfo, numeros[transfo.pk], etat=etat, now=now))
    created = CasPratique.objects.bulk_create(cases, batch_size=1000)
    if created and created[0].pk is None:  # backends that return no ids
        created = list(CasPratique.objects.filter(slug__in=[c.slug for c in cases]))
    link_methodes(created, list(Methode.objects.order_by("pk").values_list("pk", flat=True)))
    link_sessions(created)
    log(f"  volume synthétique : {len(cases)} cas pratiques ajoutés")


def link_sessions(cases):
    """Each synthetic case worked on in two sessions of its Transfo."""
    sessions = {}
    for pk, transfo_id, numero in Session.objects.filter(
        transfo_id__in={cas.transfo_id for cas in cases}, numero__isnull=False
    ).values_list("pk", "transfo_id", "numero"):
        sessions[transfo_id, numero] = pk
    through = CasPratique.sessions.through
    links = []
    for cas in cases:
        for numero in (1 + 2 * (cas.numero % 7), 2 + 2 * (cas.numero % 7)):
            session_id = sessions.get((cas.transfo_id, numero))
            if session_id:
                links.append(through(caspratique_id=cas.pk, session_id=session_id))
    through.objects.bulk_create(links, batch_size=2000, ignore_conflicts=True)
