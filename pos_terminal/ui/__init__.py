"""The cashier's touchscreen application (PySide6). The only layer, with `app`, that may
import Qt; it reaches the store through services run off the GUI thread."""
