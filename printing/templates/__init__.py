"""Label and document templates: each builds `LabelLayout`s (millimetres) from orders."""

from printing.templates.commands import command_sheet
from printing.templates.item import item_label, item_sheet
from printing.templates.packing_slip import packing_slip
from printing.templates.pick_list import pick_list
from printing.templates.shipping import shipping_label

__all__ = ["command_sheet", "item_label", "item_sheet", "packing_slip", "pick_list", "shipping_label"]
