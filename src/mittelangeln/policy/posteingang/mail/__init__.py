"""E-mail intake of the Posteingang: messages from IMAP mailboxes (imap.py)
and .eml files in a drop directory (maildrop.py) become Eingänge through
intake.register (parse.py turns a message into a Delivery); the sender may
get a receipt (receipt.py)."""
