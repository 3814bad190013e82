"""Ambassadeurs' part of "mes données": the carnet, profile, charte, attendance, météo,
devoirs, bilans and attestations of the person; and what goes when they delete their account.

On deletion: private carnet entries (their files with them), drafts, private bilans and
digest records go; entries and bilans shared with others, devoir answers (read by the
résident·es), presences and météos stay, under the scrubbed name "Ancien·ne membre", so that
the group keeps its shared work and the attendance figures do not move. The profile keeps
only what the group's aggregate composition needs (direction, catégorie).
"""

from ambassadeurs.choices import PartieCharte, Visibilite
from ambassadeurs.models import (
    AmbassadeurProfile,
    Attestation,
    BilanPersonnel,
    Brouillon,
    CommentaireDevoir,
    EntreeCarnet,
    EnvoiDigest,
    Meteo,
    Presence,
    ReponseDevoir,
    SignatureCharte,
)
from transfo.mydata import ANONYMOUS_NAME, register_personal_data


def _carnet(user, files):
    entries = (
        EntreeCarnet.objects.of_author(user)
        .select_related("transfo", "session")
        .prefetch_related("pieces")
        .order_by("date", "pk")
    )
    return [
        {
            "date": e.date,
            "transfo": e.transfo.nom,
            "session": str(e.session) if e.session else None,
            "titre": e.titre,
            "texte": e.texte,
            "humeur": e.get_humeur_display(),
            "visibilite": e.get_visibilite_display(),
            "partagee_le": e.partagee_le,
            "creee_le": e.created_at,
            "modifiee_le": e.updated_at,
            "pieces_jointes": [
                {
                    "nom": p.nom,
                    "type": p.get_type_display(),
                    "legende": p.legende,
                    "fichier": files.add(p.fichier, f"carnet/{e.pk}"),
                }
                for p in e.pieces.all()
            ],
        }
        for e in entries
    ]


def _profils(user):
    profiles = AmbassadeurProfile.objects.filter(participation__user=user).select_related(
        "participation__transfo"
    )
    return [
        {
            "transfo": p.participation.transfo.nom,
            "direction": p.direction,
            "service": p.service,
            "metier": p.metier,
            "categorie": p.categorie,
            "genre": p.get_genre_display(),
            "n1_nom": p.n1_nom,
            "n1_email": p.n1_email,
            "roles": p.roles,
            "passions": p.passions,
            "raison_sortie": p.raison_sortie,
        }
        for p in profiles
    ]


def _chartes(user):
    signatures = SignatureCharte.objects.filter(
        charte__profil__participation__user=user
    ) | SignatureCharte.objects.filter(signataire=user)
    return [
        {
            "transfo": s.charte.profil.participation.transfo.nom,
            "partie": s.get_partie_display(),
            "signee_par": s.nom,
            "version": s.texte.version,
            "signee_le": s.signee_le,
            "denoncee_le": s.denoncee_le,
            "motif_denonciation": s.motif_denonciation,
        }
        for s in signatures.distinct()
        .select_related("charte__profil__participation__transfo", "texte")
        .order_by("signee_le", "pk")
    ]


def _presences(user):
    return [
        {
            "transfo": p.jour.session.transfo.nom,
            "session": p.jour.session.numero,
            "jour": p.jour.date,
            "present": p.present,
        }
        for p in Presence.objects.filter(participation__user=user)
        .select_related("jour__session__transfo")
        .order_by("jour__date", "pk")
    ]


def _meteos(user):
    return [
        {
            "session": m.jour.session.numero,
            "jour": m.jour.date,
            "moment": m.get_moment_display(),
            "note": m.note,
            "mot": m.mot,
        }
        for m in Meteo.objects.filter(participation__user=user)
        .select_related("jour__session")
        .order_by("jour__date", "pk")
    ]


def _devoirs(user, files):
    answers = (
        ReponseDevoir.objects.filter(auteur=user)
        .select_related("devoir__transfo")
        .prefetch_related("commentaires")
        .order_by("created_at", "pk")
    )
    return [
        {
            "devoir": r.devoir.titre,
            "transfo": r.devoir.transfo.nom,
            "texte": r.texte,
            "fichier": files.add(r.fichier, f"devoirs/{r.pk}"),
            "rendue_le": r.created_at,
            "commentaires_recus": [
                {"texte": c.texte, "date": c.created_at} for c in r.commentaires.all()
            ],
        }
        for r in answers
    ] + [
        {"commentaire_ecrit": c.texte, "date": c.created_at}
        for c in CommentaireDevoir.objects.filter(auteur=user).order_by("created_at", "pk")
    ]


def _bilans(user):
    copies = (
        BilanPersonnel.objects.filter(auteur=user)
        .select_related("bilan__transfo")
        .prefetch_related("reponses__question")
        .order_by("created_at", "pk")
    )
    return [
        {
            "bilan": c.bilan.titre,
            "transfo": c.bilan.transfo.nom,
            "statut": c.get_statut_display(),
            "visibilite": c.get_visibilite_display(),
            "reponses": [
                {"question": r.question.texte, "reponse": r.texte} for r in c.reponses.all()
            ],
        }
        for c in copies
    ]


def export_ambassadeurs(user, files):
    return {
        "carnet_de_bord": _carnet(user, files),
        "brouillons": [
            {"cle": b.cle, "donnees": b.donnees, "modifie_le": b.updated_at}
            for b in Brouillon.objects.filter(auteur=user).order_by("pk")
        ],
        "profils_ambassadeur": _profils(user),
        "chartes": _chartes(user),
        "presences": _presences(user),
        "meteos": _meteos(user),
        "devoirs": _devoirs(user, files),
        "bilans": _bilans(user),
        "attestations": [
            {
                "transfo": a.participation.transfo.nom,
                "generee_le": a.generee_le,
                "fichier": files.add(a.fichier, "attestations"),
            }
            for a in Attestation.objects.filter(participation__user=user).select_related(
                "participation__transfo"
            )
        ],
    }


def erase_ambassadeurs(user):
    # One by one: each attachment's file leaves the storage with its row (signals).
    for entry in EntreeCarnet.objects.of_author(user).filter(visibilite=Visibilite.PRIVE):
        for piece in entry.pieces.all():
            piece.delete()
        entry.delete()
    Brouillon.objects.filter(auteur=user).delete()
    EnvoiDigest.objects.filter(destinataire=user).delete()
    BilanPersonnel.objects.filter(auteur=user, visibilite=Visibilite.PRIVE).delete()
    for attestation in Attestation.objects.filter(participation__user=user):
        attestation.delete()
    AmbassadeurProfile.objects.filter(participation__user=user).update(
        service="",
        metier="",
        genre="",
        n1_nom="",
        n1_email="",
        roles="",
        passions="",
        raison_sortie="",
    )
    SignatureCharte.objects.filter(signataire=user).update(nom=str(ANONYMOUS_NAME))
    SignatureCharte.objects.filter(charte__profil__participation__user=user).filter(
        partie=PartieCharte.AMBASSADEUR
    ).update(nom=str(ANONYMOUS_NAME))


def register():
    register_personal_data("ambassadeurs", export_ambassadeurs, erase_ambassadeurs)
