from intertransfo.models import Atelier, Intertransfo, Moment, Participant, Proposition
from labos.models import Priorite, Revue


def snapshot():
    return {
        "intertransfos": list(Intertransfo.objects.order_by("slug").values()),
        "transfos": sorted(
            Intertransfo.transfos.through.objects.values_list("intertransfo_id", "transfo_id")
        ),
        "moments": list(Moment.objects.order_by("pk").values()),
        "ateliers": list(Atelier.objects.order_by("pk").values()),
        "propositions": list(Proposition.objects.order_by("pk").values("atelier_id", "texte")),
        "participants": list(
            Participant.objects.order_by("pk").values("user_id", "nom", "transfo_id")
        ),
    }


def test_seed_twice_gives_the_same_data(reseed):
    first = snapshot()
    reseed()
    assert snapshot() == first


def test_seed_loads_the_three_intertransfos_of_the_seeds(demo):
    n1 = Intertransfo.objects.get(numero=1)
    assert (n1.lieu, str(n1.date)) == ("Paris", "2017-01-25")
    assert [a.titre for a in n1.ateliers.order_by("numero")] == [
        "Communiquer sur la Transfo",
        "Quelle gouvernance interne ? Comment choisir les cas pratiques ?",
        "Comment créer le collectif « Transfo » ?",
        "Comment transférer les méthodes ?",
        "Quel rôle pour les élus dans la Transfo ?",
    ]
    assert Proposition.objects.filter(atelier__intertransfo=n1, texte__icontains="hotline").exists()
    assert n1.participants.filter(organisation="Bloomberg Philanthropies").count() == 4
    assert n1.participants.filter(transfo__slug="mulhouse").count() == 8

    dunkerque = Intertransfo.objects.get(slug="dunkerque-2018")
    assert dunkerque.numero is None and str(dunkerque.date) == "2018-01-26"
    assert dunkerque.moments.order_by("debut").first().titre == "Foire aux Transfos"

    # The labos demo records the reviews under this Intertransfo's name: its page finds them.
    assert Revue.objects.filter(contexte=dunkerque.contexte).count() >= 4

    n6 = Intertransfo.objects.get(numero=6)
    first = n6.moments.order_by("debut").first()
    assert (first.horaire, first.titre) == ("9h30-10h30", "Labos grand-estois, unissez-vous !")
    assert Priorite.objects.filter(transfo__slug="metz", contexte=n6.contexte).exists()
    assert n6.participants.filter(user__email="ambassadeur@demo.test").exists()
