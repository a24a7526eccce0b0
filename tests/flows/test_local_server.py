"""The environment of the Prefect server that `kjwatch serve` starts (issue 21 item 4: the UI of
a server on another port called :4200)."""

from __future__ import annotations

from flows.local_server import server_env


def test_the_server_ui_calls_the_port_the_server_listens_on() -> None:
    env = server_env({"PATH": "/usr/bin", "PREFECT_HOME": "/srv/kjwatch/prefect"}, 4321)
    assert env["PREFECT_SERVER_UI_API_URL"] == "http://127.0.0.1:4321/api"
    assert env["PREFECT_UI_URL"] == "http://127.0.0.1:4321"
    assert (env["PREFECT_SERVER_API_HOST"], env["PREFECT_SERVER_API_PORT"]) == ("127.0.0.1", "4321")
    assert (env["PATH"], env["PREFECT_HOME"]) == ("/usr/bin", "/srv/kjwatch/prefect")


def test_an_api_url_of_another_server_does_not_reach_the_new_one() -> None:
    env = server_env({"PREFECT_API_URL": "http://10.0.0.5:4200/api",
                      "PREFECT_UI_API_URL": "http://10.0.0.5:4200/api"}, 5000)
    assert "PREFECT_API_URL" not in env
    assert "PREFECT_UI_API_URL" not in env
    assert env["PREFECT_SERVER_UI_API_URL"] == "http://127.0.0.1:5000/api"


def test_the_ui_is_on_though_kjwatch_turns_it_off_for_ephemeral_runs() -> None:
    assert server_env({"PREFECT_UI_ENABLED": "false"}, 5000)["PREFECT_SERVER_UI_ENABLED"] == "true"
    assert server_env({"PREFECT_SERVER_UI_ENABLED": "false"}, 5000)["PREFECT_SERVER_UI_ENABLED"] == "false"
