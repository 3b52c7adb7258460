"""Picture pipeline: inspect, fix, hash and thumbnail product images (no Qt).

``source.load_ref`` (path / URL via ``download.Downloader`` / embedded bytes) →
``inspect.inspect_bytes`` (real format, displayed size, safe against bombs) →
``rules.check_image`` (row issues, field ``image``) → ``fix.prepare`` (upright RGB JPEG
≤ 3 MB, deterministic; ``PreparedImage.sha256`` is the upload de-dup key) →
``thumbs.ThumbnailCache`` (96/480 px PNGs in a pool, cached on disk).
``pipeline.prepare_ref`` runs the first four for one reference and never raises for a bad
picture. Failures are ``errors.ImageError`` / ``DownloadError`` with Chinese messages.
"""
