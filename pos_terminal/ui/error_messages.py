"""The messages of the services' and the store's errors, for the translation catalogue.

An `ExplainedError` carries its English template; the UI looks it up under the "Messages"
context (`i18n.user_message`). lupdate only sees texts written in `pos_terminal/ui`, so the
templates are listed here; `tests/ui/test_translations.py` checks that this list is exactly
the templates raised in the code.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

ERROR_MESSAGES = (
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database {database} is already open in another terminal process (pid {holder}). Close that terminal first, or give this one its own database file.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database {path} was written by a newer version of the terminal (schema {current}; this version knows up to {head}). Install the newer version; this one will not open it, so nothing in it is put at risk.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database {path} is missing or empty, but this folder holds what the terminal wrote ({traces}): a new one would start the receipt numbers over. Restore the newest backup ({backup}) to {path}, or move the folder away to start a new terminal on purpose.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("Messages", "Upgrading {path} to {head} failed: {error}{where}"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The database {path} is damaged ({problem}); the terminal will not sell on it. Restore the newest backup ({backup}) to {path}, or move the file aside and start again to take the CRM's data anew.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The terminal cannot write to {where}: it is read-only for the user running the terminal. Give that user write access to it (or move the data folder somewhere writable), then start the terminal again.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "The receipt {number} could not be printed ({reason}). The bill is closed: print it again from the Menu, today's bills, once that is fixed.",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "No cash drawer is set up: it opens through the receipt printer (Settings, Printer).",
    ),
    QT_TRANSLATE_NOOP("Messages", "foreign key check failed after upgrade: {problems}"),
    QT_TRANSLATE_NOOP("Messages", "The backup of {path} could not be written: {reason}"),
    QT_TRANSLATE_NOOP(
        "Messages", "The backup of {path} failed its check and was removed: {reason}"
    ),
    QT_TRANSLATE_NOOP("Messages", "bill {bill} is already {status}"),
    QT_TRANSLATE_NOOP("Messages", "bill {bill} is not an open bill"),
    QT_TRANSLATE_NOOP("Messages", "only a closed bill can be voided; this one is {state}"),
    QT_TRANSLATE_NOOP("Messages", "a shift is already open: close it with a Z report first"),
    QT_TRANSLATE_NOOP("Messages", "this shift is not open"),
    QT_TRANSLATE_NOOP("Messages", "this PIN is already in use: choose another one"),
    QT_TRANSLATE_NOOP("Messages", "{product}: quantity must be a whole number, at least 1"),
    QT_TRANSLATE_NOOP("Messages", "two lines of a bill share an id"),
    QT_TRANSLATE_NOOP("Messages", "weekdays must be 0 (Monday) … 6 (Sunday): {weekdays}"),
    QT_TRANSLATE_NOOP("Messages", "an hour window needs both a start and an end"),
    QT_TRANSLATE_NOOP("Messages", "cashback {name}: set a percentage, a fixed amount or both"),
    QT_TRANSLATE_NOOP("Messages", "cashback {name}: {percent} % is not between 0 and 100"),
    QT_TRANSLATE_NOOP("Messages", "cashback {name}: amounts cannot be negative"),
    QT_TRANSLATE_NOOP("Messages", "VAT rate {percent!r} is not a percentage"),
    QT_TRANSLATE_NOOP("Messages", "a product needs a name"),
    QT_TRANSLATE_NOOP("Messages", "{name}: a price cannot be negative"),
    QT_TRANSLATE_NOOP(
        "Messages", "phone {text!r} may only hold digits, spaces, dashes and a leading +"
    ),
    QT_TRANSLATE_NOOP("Messages", "phone {text!r} is not a number in use"),
    QT_TRANSLATE_NOOP("Messages", "e-mail {text!r} is not an address like name@example.pl"),
    QT_TRANSLATE_NOOP("Messages", "group name {name!r} has no letters or digits for a reference"),
    QT_TRANSLATE_NOOP("Messages", "no control characters (tabs, line breaks) in a field"),
    QT_TRANSLATE_NOOP("Messages", "at most {count} characters"),
    QT_TRANSLATE_NOOP("Messages", "at most {count} tags"),
    QT_TRANSLATE_NOOP("Messages", "NIP {text!r} must have 10 digits"),
    QT_TRANSLATE_NOOP("Messages", "NIP {text!r} has a wrong check digit"),
    QT_TRANSLATE_NOOP("Messages", "NIP {text!r} is not a real NIP (all digits the same)"),
    QT_TRANSLATE_NOOP("Messages", "a customer needs a name"),
    QT_TRANSLATE_NOOP("Messages", "group reference {reference!r} is not a slug"),
    QT_TRANSLATE_NOOP("Messages", "group {name}: the daily limit cannot be negative"),
    QT_TRANSLATE_NOOP("Messages", "{name}: a percent discount needs a percentage only"),
    QT_TRANSLATE_NOOP("Messages", "{name}: {percent} % is not between 0 and 100"),
    QT_TRANSLATE_NOOP("Messages", "{name}: an amount discount needs an amount only"),
    QT_TRANSLATE_NOOP("Messages", "{name}: the amount must be above zero"),
    QT_TRANSLATE_NOOP("Messages", "cannot allocate an amount over no parts"),
    QT_TRANSLATE_NOOP("Messages", "cannot combine {currency} with {other}"),
    QT_TRANSLATE_NOOP("Messages", "{text!r} is not an amount (write it as 12,50)"),
    QT_TRANSLATE_NOOP("Messages", "unknown currency code {currency!r}"),
    QT_TRANSLATE_NOOP("Messages", "discount {discount_id!r} is not known on this terminal"),
    QT_TRANSLATE_NOOP("Messages", "discount {name!r} cannot be chosen at the terminal"),
    QT_TRANSLATE_NOOP(
        "Messages", "the customer's state belongs to another customer than the bill's"
    ),
    QT_TRANSLATE_NOOP("Messages", "{product} is priced in {priced_in}, not {currency}"),
    QT_TRANSLATE_NOOP("Messages", "Only a manager can {action} ({name} is signed in as a cashier)"),
    QT_TRANSLATE_NOOP("Messages", "a manager's PIN is needed to put a customer in {group}"),
    QT_TRANSLATE_NOOP("Messages", "{name} is not a manager"),
    QT_TRANSLATE_NOOP("Messages", "{text!r} is too large an amount"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A tender of {amount} is above the limit of {limit}; a manager can raise the limit in Settings",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "A cash float of {amount} is above the limit of {limit}; a manager can raise the limit in Settings",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("Messages", "a PIN is {shortest} to {longest} digits"),
    QT_TRANSLATE_NOOP("Messages", "a manager's PIN has at least {digits} digits"),
    QT_TRANSLATE_NOOP("Messages", "a staff member needs a name"),
    QT_TRANSLATE_NOOP(
        "Messages", "card and wallet payments ({non_cash}) cannot exceed the amount due ({payable})"
    ),
    QT_TRANSLATE_NOOP("Messages", "the wallet holds {wallet_available}, not {asked}"),
    QT_TRANSLATE_NOOP("Messages", "a {kind} payment must be above zero"),
    QT_TRANSLATE_NOOP("Messages", "a voucher code cannot be empty"),
    QT_TRANSLATE_NOOP("Messages", "voucher {code}: needs an amount above zero"),
    QT_TRANSLATE_NOOP("Messages", "voucher {code}: needs a percentage between 0 and 100"),
    QT_TRANSLATE_NOOP("Messages", "{left} is still to pay"),
    QT_TRANSLATE_NOOP("Messages", "customer {customer} is not in this terminal's cache"),
    QT_TRANSLATE_NOOP("Messages", "this customer is not on this terminal"),
    QT_TRANSLATE_NOOP("Messages", "this card already belongs to a customer"),
    QT_TRANSLATE_NOOP("Messages", "this card cannot be read: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "this bill is not a closed bill of this terminal"),
    QT_TRANSLATE_NOOP(
        "Messages", "the cash float must be a whole number of grosze, not below zero"
    ),
    QT_TRANSLATE_NOOP("Messages", "no such shift on this terminal"),
    QT_TRANSLATE_NOOP("Messages", "a Z report is taken by closing the shift"),
    QT_TRANSLATE_NOOP("Messages", "no shift is open"),
    QT_TRANSLATE_NOOP("Messages", "say why the bill is voided"),
    QT_TRANSLATE_NOOP("Messages", "bill {number} belongs to a shift closed with its Z report"),
    QT_TRANSLATE_NOOP("Messages", "Wrong PIN"),
    QT_TRANSLATE_NOOP(
        "Messages", "Too many wrong PINs: the next try in {seconds} s, or a manager's PIN now"
    ),
    QT_TRANSLATE_NOOP("Messages", "some details need correcting: {fields}"),
    QT_TRANSLATE_NOOP("Messages", "no such active staff member on this terminal"),
    QT_TRANSLATE_NOOP("Messages", "you cannot deactivate yourself: ask another manager"),
    QT_TRANSLATE_NOOP("Messages", "the terminal needs at least one active manager"),
    QT_TRANSLATE_NOOP("Messages", "a name is required"),
    QT_TRANSLATE_NOOP("Messages", "{phone} already belongs to {owner}"),
    QT_TRANSLATE_NOOP("Messages", "this group is not known on the terminal"),
    QT_TRANSLATE_NOOP("Messages", "offline allowances are whole grosze, not below zero"),
    QT_TRANSLATE_NOOP("Messages", "a hold lasts 1 minute to 1 day"),
    QT_TRANSLATE_NOOP("Messages", "credits and wallet cannot be used while the CRM is offline"),
    QT_TRANSLATE_NOOP("Messages", "offline, at most {allowed} of credits and wallet on one bill"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "offline, at most {allowed} of credits and wallet for this customer until the till syncs",
    ),
    QT_TRANSLATE_NOOP(
        "Messages", "offline, at most {allowed} of credits and wallet on this till today"
    ),
    QT_TRANSLATE_NOOP(
        "Messages",
        "the CRM has only {credits} of credits and {wallet} in the wallet for this customer now (spent at another till?)",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("Messages", "op {number} is not waiting for a decision"),
    QT_TRANSLATE_NOOP("Messages", "this is not a CRM address: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "type the enrolment code the CRM's owner gave you"),
    QT_TRANSLATE_NOOP("Messages", "the CRM cannot be reached: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "the CRM refused the code: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "voucher {code} can be used only while the CRM answers"),
    QT_TRANSLATE_NOOP("Messages", "voucher {code} cannot be used: {reason}"),
    QT_TRANSLATE_NOOP("Messages", "a fiscal receipt needs at least one line"),
    QT_TRANSLATE_NOOP("Messages", "a fiscal receipt takes at most {limit} lines"),
    QT_TRANSLATE_NOOP("Messages", "bill {bill} is not open"),
    QT_TRANSLATE_NOOP("Messages", "change of {change} does not match the cash paid"),
    QT_TRANSLATE_NOOP("Messages", "payments of {paid} do not cover {total}"),
    QT_TRANSLATE_NOOP("Messages", "the fiscal printer has no active {percent} % rate ({name})"),
    QT_TRANSLATE_NOOP("Messages", "the lines come to {lines}, not {total}"),
    QT_TRANSLATE_NOOP("Messages", "this bill's fiscal receipt is registered already"),
    QT_TRANSLATE_NOOP("Messages", "'{name}' is not a name a fiscal printer takes"),
    QT_TRANSLATE_NOOP(
        "Messages",
        "{name}: a discount of {discount} leaves nothing of {value}; a fiscal printer refuses a line of zero",  # noqa: E501
    ),
    QT_TRANSLATE_NOOP("Messages", "{name}: price and quantity must be above zero"),
    QT_TRANSLATE_NOOP("Messages", "{name}: {price} × {quantity} is not {value}"),
)
