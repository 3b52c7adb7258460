"""Shop credentials: the App Secret and OAuth tokens, kept only in the OS keyring.

- :mod:`app.credentials.store`: ``CredentialStore`` (service name ``SERVICE_NAME = "TaoShelf"``;
  usernames ``app_secret:<app_key>`` and ``tokens:<app_key>:<env>``), ``NoKeyringError``.
- :mod:`app.credentials.backend`: which backend holds the secrets; refusing missing, file and
  locked backends with a Chinese instruction.
- :mod:`app.credentials.shops`: the non-secret shop list and the active shop (``shops.json``).
- :mod:`app.credentials.authorize` + :mod:`app.credentials.loopback`: the authorization-code flow.
- :mod:`app.credentials.tokens`: ``TokenManager`` / ``ReauthRequired`` for the upload engine.
"""
