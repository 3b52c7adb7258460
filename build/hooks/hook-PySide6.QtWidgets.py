"""PyInstaller's PySide6.QtWidgets hook, minus the Qt plugins and translations TaoShelf does not
use (build/bundle_rules.py says which are kept). installer.spec puts build/ on sys.path."""

from bundle_rules import filter_hook_files
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, _binaries, _datas = add_qt6_dependencies(__file__)
binaries = filter_hook_files(_binaries)
datas = filter_hook_files(_datas)
