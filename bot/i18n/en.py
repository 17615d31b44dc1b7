"""English reply templates of the core (capabilities register their own)."""

TEMPLATES: dict[str, str] = {
    "help": (
        "I'm Mishu, the office's coordination assistant. Try messages like:\n"
        "• Rooms: book room 301 tomorrow 3-4pm for the budget review\n"
        "• Notices: notify the finance team: the audit meeting moves to 10am Thursday, room 2\n"
        "• Assignments: assign Li Wei to draft the visitor policy by next Friday\n"
        "• Visitors: visitor at 2pm: Ms. Chen from Acme, meeting Director Wang about the lease\n"
        "• Reminders: remind me in 2 hours to call the printer\n"
        "Send \"help\" any time to see this again."
    ),
    "unknown": (
        "Sorry, I didn't understand that. You could try:\n"
        "• which rooms are free tomorrow afternoon?\n"
        "• book room 301 tomorrow 3-4pm\n"
        "• what do I still have open?\n"
        "Send \"help\" to see what I can do."
    ),
    "link_prompt": (
        "Hello! I don't know this account yet. Ask an admin for a link code, then send "
        "\"link CODE\" (on Telegram you can also open the link the admin gives you)."
    ),
    "linked": "Linked, {name}. I'll recognise you here from now on. Send \"help\" to see what I can do.",
    "link_bad_code": "That link code is not valid or has expired; please ask an admin for a new one.",
    "already_linked": "This account is already linked to {name}.",
    "error_apology": (
        "Sorry, something went wrong while handling that message; nothing was changed. "
        "Please try again later or rephrase. (ref {ref})"
    ),
    "not_allowed": "Sorry, your role does not allow that.",
    "classified": (
        "This content is marked classified (涉密/秘密/机密/绝密) and cannot go through Mishu; "
        "please use the offline channel."
    ),
    "too_long": "That message is too long (over {limit} characters); please shorten it.",
    "delivery_failed": "A message could not be delivered to {name} (they may have blocked the bot or left); please reach them another way.",
    "home_title": "{name}, your day",
    "home_empty": "Nothing needs you today. Send \"help\" to see what I can do.",
    "btn_confirm": "Confirm",
    "btn_cancel": "Cancel",
    "dialog_cancelled": "OK, cancelled; nothing was changed.",
    "dialog_expired": "The earlier confirmation has expired; nothing was changed. Please send the request again.",
    "already_handled": "That button has already been handled; nothing more to do.",
    "readback_footer": "Is this right? Press Confirm or reply \"yes\"; Cancel to drop it.",
    "dir_person_added": "Added {name} ({roles}{dept}).",
    "dir_person_added_readback": "I will add {name} (roles {roles}{dept}).",
    "dir_person_updated": "Updated {name}: {change}.",
    "dir_room_added": "Added room {name}, {capacity} seats.",
    "dir_room_updated": "Updated room {name}: {change}.",
    "dir_exists": "\"{name}\" is already in the directory.",
    "dir_unknown_person": "There is nobody called \"{name}\" in the directory.",
    "dir_unknown_room": "There is no room called \"{name}\".",
    "dir_unknown_department": "There is no department called \"{name}\".",
    "dir_unknown_role": "There is no role \"{role}\". Roles: admin, director, leader, secretary, reception, staff.",
    "dir_usage": (
        "Admins maintain the directory like this:\n"
        "• add person Zhang San Finance staff\n"
        "• set role Zhang San secretary\n"
        "• add room 402 12 seats\n"
        "• update room 402 capacity 16"
    ),
}
