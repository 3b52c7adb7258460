"""TOP error answers: one exception type carrying code, msg, sub_code and sub_msg."""

from __future__ import annotations

from typing import Any

# The gateway's English `msg` per code (as the real platform words them).
MESSAGES: dict[int, str] = {
    3: "Upload Fail",
    7: "App Call Limited",
    9: "Http Action Not Allowed",
    10: "Service Currently Unavailable",
    11: "Insufficient isv permissions",
    15: "Remote service error",
    21: "Missing Method",
    22: "Invalid Method",
    23: "Invalid Format",
    24: "Missing Signature",
    25: "Invalid Signature",
    26: "Missing Session",
    27: "Invalid Session",
    28: "Missing App Key",
    29: "Invalid App Key",
    30: "Missing Timestamp",
    31: "Invalid Timestamp",
    32: "Missing Version",
    33: "Invalid Version",
    34: "Unsupported Version",
    40: "Missing Required Arguments",
    41: "Invalid Arguments",
    43: "Parameter Error",
    47: "Invalid Encoding",
}


class ApiError(Exception):
    """A well-formed TOP error answer (HTTP 200 with ``error_response``)."""

    def __init__(
        self,
        code: int,
        msg: str | None = None,
        sub_code: str | None = None,
        sub_msg: str | None = None,
    ) -> None:
        self.code = code
        self.msg = msg or MESSAGES.get(code, "Unknown Error")
        self.sub_code = sub_code
        self.sub_msg = sub_msg
        super().__init__(f"{code} {self.msg} {sub_code or ''}".strip())

    def to_payload(self, request_id: str) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "msg": self.msg}
        if self.sub_code:
            body["sub_code"] = self.sub_code
        if self.sub_msg:
            body["sub_msg"] = self.sub_msg
        body["request_id"] = request_id
        return {"error_response": body}


def missing(name: str) -> ApiError:
    """Code 40: a required parameter is absent (or blank)."""
    return ApiError(
        40, f"Missing required arguments:{name}", f"isv.missing-parameter:{name}",
        f"缺少必选参数：{name}",
    )


def bad_type(name: str, sub_msg: str) -> ApiError:
    """Code 41: the gateway's type check failed (not a number, list too long, ...)."""
    return ApiError(41, f"Invalid arguments:{name}", f"isv.invalid-parameter:{name}", sub_msg)


def invalid(name: str, sub_msg: str) -> ApiError:
    """Code 15 + isv.invalid-parameter:<name>: the item service refused a value."""
    return ApiError(15, None, f"isv.invalid-parameter:{name}", sub_msg)


def isv(sub_code: str, sub_msg: str) -> ApiError:
    """Code 15 with any isv.* sub_code (a business rule of the service)."""
    return ApiError(15, None, sub_code, sub_msg)


def upload_failed(sub_code: str, sub_msg: str) -> ApiError:
    """Code 3: the uploaded image was refused (format or size)."""
    return ApiError(3, None, sub_code, sub_msg)
