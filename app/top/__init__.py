"""The Taobao Open Platform client: signing, requests, typed errors, rate limiting, OAuth."""
