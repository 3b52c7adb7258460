"""TaoShelf (淘上架): list products on Taobao in bulk from an Excel sheet."""

__version__ = "0.1.0"
APP_NAME = "TaoShelf"
