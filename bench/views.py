from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from collectivites.models import Transfo


@login_not_required
def plancher(request):
    """The floor of the benchmark: one query and a small template, through every middleware."""
    transfos = list(Transfo.objects.order_by("nom").values_list("nom", flat=True)[:5])
    return render(request, "bench/plancher.html", {"transfos": transfos})
