"""Shop credentials: the App Secret and OAuth tokens, kept only in the OS keyring."""
