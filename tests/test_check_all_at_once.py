"""``check`` reports every error of the project in one run, whatever the files they are in."""

from __future__ import annotations

from conftest import ProjectCopy, assert_no_traceback


def test_an_unknown_service_does_not_hide_an_unknown_reference(project: ProjectCopy) -> None:
    project.edit("annexes/rh.yaml", "services: DRH", "services: DRHH")
    project.edit("annexes/technique.yaml", "{{ article('moyens-mobilisables') }}", "{{ article('moyens') }}")

    run = project.check()

    assert_no_traceback(run)
    assert run.exit_code == 1
    by_code = {m.code: m for m in run.errors}
    assert set(by_code) == {"service-inconnu", "reference-inconnue"}
    assert by_code["service-inconnu"].location == project.value_at("annexes/rh.yaml", "services: DRHH")
    assert "vouliez-vous dire « DRH » ?" in by_code["service-inconnu"].message
    # a reference is suggested when the id written is the start of a known one
    assert "vouliez-vous dire « moyens-mobilisables » ?" in by_code["reference-inconnue"].message
    assert by_code["reference-inconnue"].location.startswith("annexes/technique.yaml:")
