from tests.notifications.line_server import line_server

__all__ = ["line_server"]
