"""The Taobao Open Platform client: signing, requests, typed errors, rate limiting, OAuth.

Modules: `signing` (md5 / hmac / hmac-sha256), `request` (value formatting, system vs business
params), `transport` (the pooled HTTP session, network failures → `TopError`), `response`
(unwrapping, error kinds), `catalogue` (Chinese explanation + action per code), `errors`,
`ratelimit` (the shared `RateLimiter`), `config` (`TopConfig`, real endpoints), `client`
(`TopClient.call`, ban retries), `calls` (typed calls), `publish` (the `Publisher` seam),
`oauth` (`OAuthClient`, `TokenSet`), `chinatime` (UTC+8 without a tz database).
"""
