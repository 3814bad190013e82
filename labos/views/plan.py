"""The labo of a Transfo: plan du labo and its versions, spectrums, reviews, public page.

Every member of the Transfo reads and writes its labo, coordinators every labo
(`labos.rules`); anyone else gets a 404. Writes are plain POSTs that work without
JavaScript and redirect back; with htmx, a section is edited in place.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from collectivites.shortcuts import get_transfo_for_user
from labos.choices import CleSection
from labos.forms import (
    FreezeForm,
    InterventionForm,
    PlanSettingsForm,
    PositionsForm,
    RevueForm,
    SectionForm,
)
from labos.models import Axe, Plan, Revue, StaleSection, VersionPlan, revue_groups
from labos.rendering import DiffRow, Serie, diff_texts, spectrum_chart


def get_transfo_for_labo(request, slug, *, edit=False):
    """The Transfo whose labo the person may read (else 404), and write when `edit` (else 403)."""
    transfo = get_transfo_for_user(request, slug)
    if not request.user.has_perm("labos.view_labo", transfo):
        raise Http404
    if edit and not request.user.has_perm("labos.edit_labo", transfo):
        raise PermissionDenied
    return transfo


def get_plan_for_user(request, slug, *, edit=False):
    return Plan.for_transfo(get_transfo_for_labo(request, slug, edit=edit))


def _versions(plan):
    return list(
        plan.versions.select_related("session", "created_by").prefetch_related(
            Prefetch("revues", queryset=Revue.objects.select_related("auteur"))
        )
    )


def reviews_by_type(version):
    """[(label, [revue, ...])] of a version's reviews, in the order of TypeRevue."""
    return revue_groups(version.revues.all())


def _chart_for_plan(plan, axes, versions):
    series = [Serie(label=str(v), positions=v.positions) for v in versions]
    series.append(Serie(label=_("brouillon actuel"), positions=plan.positions))
    return spectrum_chart(axes, series)


def plan(request, slug):
    return _render_plan(request, get_plan_for_user(request, slug))


def _render_plan(request, plan, status=200, **bound_forms):
    """The plan's page; `bound_forms` (by context name) replace the blank forms, so that a
    form refused by its view comes back with its errors and what was typed."""
    transfo = plan.transfo
    axes = list(Axe.objects.all())
    versions = _versions(plan)
    for version in versions:
        version.revue_groups = reviews_by_type(version)
    latest = versions[-1] if versions else None
    interventions = list(plan.interventions.all())
    return render(
        request,
        "labos/plan.html",
        {
            "transfo": transfo,
            "plan": plan,
            "sections": [{"section": s, "form": _section_form(s)} for s in plan.sections_by_cle()],
            "interventions": interventions,
            "intervention_form": InterventionForm(prefix="intervention"),
            "total_jours": sum(i.jours_homme for i in interventions),
            "settings_form": PlanSettingsForm(
                initial={"nom": plan.nom, "publie": plan.publie},
                prefix="plan",
                can_publish=request.user.has_perm("labos.publish_labo", transfo),
            ),
            "freeze_form": FreezeForm(transfo=transfo),
            "positions_form": PositionsForm(
                axes=axes, initial_positions=plan.positions, prefix="spectre"
            ),
            "chart": _chart_for_plan(plan, axes, versions),
            "versions": versions,
            "latest": latest,
            "revue_form": RevueForm(),
            **bound_forms,
        },
        status=status,
    )


def _section_form(section, data=None):
    return SectionForm(
        data,
        initial={"texte": section.texte, "version": section.version},
        label=section.get_cle_display(),
        prefix=section.cle,
    )


def section_edit(request, slug, cle):
    """Edit one section of the draft; a save from a stale page is refused, its text kept."""
    if cle not in CleSection.values:
        raise Http404
    plan = get_plan_for_user(request, slug, edit=request.method == "POST")
    section = next(s for s in plan.sections_by_cle() if s.cle == cle)
    form = _section_form(section, request.POST if request.method == "POST" else None)
    conflict = None
    if request.method == "POST" and form.is_valid():
        try:
            section.save_text(
                form.cleaned_data["texte"], version=form.cleaned_data["version"], user=request.user
            )
        except StaleSection:
            conflict = section
            # The user's text stays in the field; the version moves on so that saving again
            # is a conscious choice to replace what the other person wrote.
            data = request.POST.copy()
            data[f"{cle}-version"] = section.version
            form = _section_form(section, data)
            form.is_valid()
        else:
            if request.htmx:
                return render(
                    request,
                    "labos/includes/section.html",
                    {"transfo": plan.transfo, "item": {"section": section}, "saved": True},
                )
            messages.success(
                request, _("Section « %(s)s » enregistrée.") % {"s": section.get_cle_display()}
            )
            return redirect(f"{plan.get_absolute_url()}#section-{cle}")
    context = {
        "transfo": plan.transfo,
        "plan": plan,
        "item": {"section": section, "form": form},
        "editing": True,
        "conflict": conflict,
    }
    if request.htmx:
        return render(request, "labos/includes/section.html", context)
    return render(request, "labos/section_form.html", context)


@require_POST
def plan_settings(request, slug):
    plan = get_plan_for_user(request, slug, edit=True)
    can_publish = request.user.has_perm("labos.publish_labo", plan.transfo)
    form = PlanSettingsForm(request.POST, prefix="plan", can_publish=can_publish)
    if form.is_valid():
        plan.nom = form.cleaned_data["nom"]
        plan.save(update_fields=["nom"])
        if not can_publish:
            messages.success(request, _("Nom du labo enregistré."))
            return redirect(plan.get_absolute_url())
        plan.publish(form.cleaned_data["publie"])
        if plan.publie and plan.version_publiee is None:
            messages.success(
                request,
                _(
                    "Le plan sera public dès qu'une version figée sera publiée : figez-en une, "
                    "puis enregistrez de nouveau."
                ),
            )
        elif plan.publie:
            messages.success(
                request,
                _("Le plan est publié : sa version n°%(n)s est publique.")
                % {"n": plan.version_publiee.numero},
            )
        else:
            messages.success(request, _("Le plan n'est pas publié."))
        return redirect(plan.get_absolute_url())
    return _render_plan(request, plan, status=400, settings_form=form)


@require_POST
def intervention_add(request, slug):
    plan = get_plan_for_user(request, slug, edit=True)
    form = InterventionForm(request.POST, prefix="intervention")
    if form.is_valid():
        intervention = form.save(commit=False)
        intervention.plan = plan
        intervention.save()
        messages.success(request, _("Intervention « %(n)s » ajoutée.") % {"n": intervention})
        return redirect(f"{plan.get_absolute_url()}#section-mission")
    return _render_plan(request, plan, status=400, intervention_form=form)


@require_POST
def intervention_delete(request, slug, pk):
    plan = get_plan_for_user(request, slug, edit=True)
    intervention = get_object_or_404(plan.interventions, pk=pk)
    intervention.delete()
    messages.success(request, _("Intervention « %(n)s » retirée.") % {"n": intervention})
    return redirect(f"{plan.get_absolute_url()}#section-mission")


@require_POST
def positions(request, slug):
    plan = get_plan_for_user(request, slug, edit=True)
    form = PositionsForm(
        request.POST, axes=list(Axe.objects.all()), initial_positions={}, prefix="spectre"
    )
    if form.is_valid():
        plan.set_positions(form.cleaned_data)
        messages.success(request, _("Positions sur les spectres enregistrées."))
        return redirect(f"{plan.get_absolute_url()}#spectres")
    return _render_plan(request, plan, status=400, positions_form=form)


@require_POST
def freeze(request, slug):
    plan = get_plan_for_user(request, slug, edit=True)
    form = FreezeForm(request.POST, transfo=plan.transfo)
    if not form.is_valid():
        return _render_plan(request, plan, status=400, freeze_form=form)
    version = plan.freeze(
        user=request.user, session=form.cleaned_data["session"], note=form.cleaned_data["note"]
    )
    messages.success(request, _("Version figée : %(v)s.") % {"v": version})
    return redirect(f"{plan.get_absolute_url()}#versions")


def _version_rows(version):
    rows = [(label, version.texte(cle)) for cle, label in CleSection.choices]
    rows.insert(1, (_("Interventions (jours·personne)"), version.interventions_text()))
    return rows


def version_detail(request, slug, numero, revue_form=None):
    """A frozen version; `revue_form`: a review refused by `revue_add`, with its errors."""
    plan = get_plan_for_user(request, slug)
    version = get_object_or_404(
        plan.versions.select_related("session", "created_by").prefetch_related(
            Prefetch("revues", queryset=Revue.objects.select_related("auteur"))
        ),
        numero=numero,
    )
    axes = list(Axe.objects.all())
    return render(
        request,
        "labos/version_detail.html",
        {
            "transfo": plan.transfo,
            "plan": plan,
            "version": version,
            "rows": _version_rows(version),
            "positions": [(axe, axe.describe(version.position_of(axe))) for axe in axes],
            "revue_groups": reviews_by_type(version),
            "revue_form": revue_form or RevueForm(),
        },
        status=400 if revue_form else 200,
    )


def compare(request, slug):
    """Two versions side by side, deletions marked on the left and additions on the right."""
    plan = get_plan_for_user(request, slug)
    versions = list(plan.versions.select_related("session"))
    by_numero = {v.numero: v for v in versions}
    old = new = None
    error = ""
    if len(versions) >= 2:
        try:
            de = int(request.GET.get("de", versions[-2].numero))
            a = int(request.GET.get("a", versions[-1].numero))
        except ValueError:
            de, a = versions[-2].numero, versions[-1].numero
        old, new = by_numero.get(de), by_numero.get(a)
        if old is None or new is None:
            error = _("Cette version n'existe pas.")
            old = new = None
    rows = []
    if old and new:
        old_rows, new_rows = _version_rows(old), _version_rows(new)
        for (label, before), (_label, after) in zip(old_rows, new_rows, strict=True):
            left, right, changed = diff_texts(before, after)
            rows.append(DiffRow(label=label, old=left, new=right, changed=changed))
        if old.nom != new.nom:
            left, right, changed = diff_texts(old.nom, new.nom)
            rows.insert(0, DiffRow(label=_("Nom du labo"), old=left, new=right, changed=True))
    axes = list(Axe.objects.all())
    return render(
        request,
        "labos/compare.html",
        {
            "transfo": plan.transfo,
            "plan": plan,
            "versions": versions,
            "old": old,
            "new": new,
            "rows": rows,
            "error": error,
            "positions": [
                (axe, axe.describe(old.position_of(axe)), axe.describe(new.position_of(axe)))
                for axe in axes
            ]
            if old and new
            else [],
        },
    )


@require_POST
def revue_add(request, slug, numero):
    """Leave a review on a version: the Transfo's members, coordinators, or any member of a
    Transfo when the plan is published (as at an Intertransfo)."""
    version = get_object_or_404(
        VersionPlan.objects.select_related("plan__transfo"),
        plan__transfo__slug=slug,
        numero=numero,
    )
    plan = version.plan
    if not request.user.has_perm("labos.review_plan", plan):
        raise Http404
    form = RevueForm(request.POST)
    if form.is_valid():
        revue = form.save(commit=False)
        revue.version = version
        revue.auteur = request.user
        revue.save()
        messages.success(request, _("Merci, votre revue est enregistrée."))
    elif request.user.has_perm("labos.view_labo", plan.transfo):
        return version_detail(request, slug, numero, revue_form=form)
    else:
        return public_plan(request, slug, revue_form=form)
    if request.user.has_perm("labos.view_labo", plan.transfo):
        return redirect(reverse("labos:version_detail", args=[slug, numero]))
    return redirect(plan.get_public_url())


@login_not_required
def public_plan(request, slug, revue_form=None):
    """A published labo: the version its publisher published (`Plan.publish`), never the
    draft, a version frozen since, or reviewers' names."""
    plan = get_object_or_404(
        Plan.objects.publies().select_related("transfo__collectivite"), transfo__slug=slug
    )
    version = plan.versions.prefetch_related("revues").filter(pk=plan.version_publiee_id).first()
    if version is None:
        raise Http404
    axes = list(Axe.objects.all())
    return render(
        request,
        "labos/public_plan.html",
        {
            "transfo": plan.transfo,
            "plan": plan,
            "version": version,
            "rows": _version_rows(version),
            "chart": spectrum_chart(axes, [Serie(label=str(version), positions=version.positions)]),
            "revue_groups": reviews_by_type(version),
            "can_review": request.user.is_authenticated
            and request.user.has_perm("labos.review_plan", plan),
            "revue_form": revue_form or RevueForm(),
        },
        status=400 if revue_form else 200,
    )


def spectres_labos(request):
    """Coordinators: the current positions of several labos on the spectrums."""
    if not request.user.has_perm("labos.compare_labos"):
        raise Http404
    plans = list(
        Plan.objects.for_user(request.user).select_related("transfo").order_by("transfo__nom")
    )
    chosen = set(request.GET.getlist("labo"))
    shown = [p for p in plans if p.transfo.slug in chosen] if chosen else plans
    axes = list(Axe.objects.all())
    series = [Serie(label=p.transfo.nom, positions=p.positions) for p in shown]
    return render(
        request,
        "labos/spectres_labos.html",
        {"plans": plans, "chosen": chosen, "chart": spectrum_chart(axes, series)},
    )
