"""The lock (README, "Dependencies") is the one pyproject.toml's ranges give: every direct
dependency pinned, within its range, with hashes, and the same version in both files."""

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9_.\-]+)==([^\s\\;]+)", re.MULTILINE)


def pins(name):
    text = (ROOT / "requirements" / name).read_text()
    return {canonicalize_name(package): version for package, version in PIN.findall(text)}


def declared():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime = [Requirement(line) for line in project["dependencies"]]
    dev = [Requirement(line) for line in project["optional-dependencies"]["dev"]]
    return runtime, dev


def test_every_pin_of_the_locks_has_its_hashes():
    for name in ("base.txt", "dev.txt"):
        text = (ROOT / "requirements" / name).read_text()
        blocks = re.split(r"\n(?=[A-Za-z0-9_.\-]+==)", text.split("\n", 6)[-1])
        for block in blocks:
            if PIN.match(block):
                assert "--hash=sha256:" in block, (name, block.splitlines()[0])


@pytest.mark.parametrize(
    "lock, groups", [("base.txt", ("runtime",)), ("dev.txt", ("runtime", "dev"))]
)
def test_every_declared_dependency_is_pinned_within_its_range(lock, groups):
    runtime, dev = declared()
    wanted = {"runtime": runtime, "dev": dev}
    locked = pins(lock)
    for group in groups:
        for requirement in wanted[group]:
            version = locked.get(canonicalize_name(requirement.name))
            assert version, f"{requirement.name} is not in requirements/{lock}: run `make lock`"
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{requirement.name}=={version} is outside {requirement.specifier}: run `make lock`"
            )


def test_the_runtime_lock_has_the_versions_of_the_dev_lock():
    base, dev = pins("base.txt"), pins("dev.txt")
    assert set(base) <= set(dev)
    assert {name: dev[name] for name in base} == base
