from bench.pages import page_list, session_cookie


def test_every_page_type_of_the_bench_is_found_in_the_demo_and_opens(client, demo):
    pages = page_list()
    assert len(pages) == 11
    assert len({path for _name, path, _account, _public in pages}) == 11
    for name, path, account, public in pages:
        client.cookies.clear()
        if account:
            cookie_name, value = session_cookie(account).split("=", 1)
            client.cookies[cookie_name] = value
        response = client.get(path)
        assert response.status_code == 200, (name, path, response.status_code)
        assert public == (account is None)
