"""The confirmation before a run sends anything: how many rows will be listed, skipped (already
on the shop, refused before and unchanged, or skipped by the user) and blocked, and to which shop
and environment; the changes sent to listed items, by field (标题 2 行、价格 3 行). 同步修改 asks
the same with its own title and button.

On 本地模拟 and 沙箱, Enter confirms (开始上架 is the default button). On 正式 nothing is sent
until 确认上架到正式店铺 is ticked: until then 开始上架 is disabled and 取消 is the default.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.shop_text import env_name
from app.ui.upload_controller import RunPlan


class ConfirmRunDialog(QDialog):
    def __init__(self, plan: RunPlan, parent: QWidget | None = None, *,
                 sync: bool = False) -> None:
        super().__init__(parent)
        self.plan = plan
        self.setWindowTitle(self.tr("Send the changes to Taobao?") if sync
                            else self.tr("Start the upload?"))
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumWidth(400)
        production = plan.env == "production"

        self.where = where = QLabel(
            self.tr("Shop %1 · %2").replace("%1", plan.shop).replace("%2", env_name(plan.env))
        )
        where.setObjectName("confirmWhere")
        colour = "#c0392b" if production else "#1f6feb"
        where.setStyleSheet(
            f"#confirmWhere {{ font-weight: bold; font-size: 15px; color: {colour}; }}"
        )
        form = QFormLayout()
        self.counts: dict[str, QLabel] = {}
        for key, label, value in (
            ("to_send", self.tr("Will be listed"), plan.to_send),
            ("edits", self.tr("On the shop, your edits are sent"), plan.edits),
            ("already", self.tr("Already on the shop (skipped)"), plan.already),
            ("refused", self.tr("Refused before and unchanged (skipped)"), plan.refused),
            ("blocked", self.tr("Errors in the sheet (not sent)"), plan.blocked),
            ("user_skipped", self.tr("Skipped by you (not sent)"), plan.user_skipped),
        ):
            quiet = ("to_send", "already", "blocked") if sync else ()
            if key in ("refused", "user_skipped", "edits", *quiet) and not value:
                continue
            number = QLabel(str(value))
            number.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.counts[key] = number
            form.addRow(label, number)
        self.fields = QLabel(self.tr(", ").join(
            self.tr("%1 on %2 row(s)").replace("%1", name).replace("%2", str(n))
            for name, n in plan.edit_fields))
        self.fields.setWordWrap(True)
        if plan.edit_fields:
            form.addRow(self.tr("Changes sent"), self.fields)

        self.production_tick = QCheckBox(self.tr("Confirm: list on the real (production) shop"))
        self.production_tick.setVisible(production)
        self.production_tick.toggled.connect(self._ticked)

        self.buttons = QDialogButtonBox()
        self.start_button = QPushButton(self.tr("Sync changes") if sync
                                        else self.tr("Start upload"))
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.cancel_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(where)
        layout.addLayout(form)
        if production:
            warning = QLabel(
                self.tr("These products go on sale in your real shop, for buyers to see.")
            )
            warning.setWordWrap(True)
            layout.addWidget(warning)
        layout.addWidget(self.production_tick)
        layout.addWidget(self.buttons)
        self._ticked(False)

    @Slot(bool)
    def _ticked(self, ticked: bool) -> None:
        ready = ticked or self.plan.env != "production"
        self.start_button.setEnabled(ready)
        self.start_button.setDefault(ready)
        self.start_button.setAutoDefault(ready)
        self.cancel_button.setDefault(not ready)
        self.cancel_button.setAutoDefault(not ready)
        if self.plan.env == "production" and not ticked:
            self.production_tick.setFocus()  # Space ticks it; Enter is 取消 until then
        else:
            self.start_button.setFocus()

    def accept(self) -> None:
        if self.plan.env == "production" and not self.production_tick.isChecked():
            return
        super().accept()
