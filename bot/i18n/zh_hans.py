"""Simplified-Chinese reply templates of the core (capabilities register their own)."""

TEMPLATES: dict[str, str] = {
    "help": (
        "我是秘书,办公室的协调助手。可以这样跟我说:\n"
        "• 会议室:帮我订下周三下午两点到四点的第二会议室,院长办公会,十二个人\n"
        "• 会议通知:发会议通知:明天下午三点在第二会议室召开安全生产工作会议,各科室负责人参加\n"
        "• 督办:督办:请财务处月底前拿出食堂改造方案,每周五报进度\n"
        "• 来访登记:登记来访:张大爷,城东村,反映修路补偿,电话13800001111,找后勤处\n"
        "• 提醒:提醒我明天下午三点给刘院长回电话\n"
        "随时发「帮助」再看这份说明。"
    ),
    "unknown": (
        "抱歉,我没看懂这句话。可以试试:\n"
        "• 明天下午哪个会议室空着?\n"
        "• 订明天下午三点到四点的301\n"
        "• 我手上还有哪些没办完的\n"
        "发「帮助」查看我能做的事。"
    ),
    "link_prompt": (
        "您好!我还不认识这个账号。请向管理员要一个绑定码,然后发「绑定 绑定码」"
        "(Telegram 也可以点管理员给的链接)。"
    ),
    "linked": "绑定成功,{name},以后在这里就能认出您了。发「帮助」看看我能做什么。",
    "link_bad_code": "这个绑定码无效或已过期,请向管理员重新申请。",
    "already_linked": "这个账号已经绑定到 {name}。",
    "error_apology": "抱歉,处理这条消息时出了问题,什么都没有改动。请稍后再试,或换个说法。(编号 {ref})",
    "not_allowed": "抱歉,您的角色不能做这件事。",
    "classified": "这条内容标有密级(涉密/秘密/机密/绝密),按规定不能通过秘书处理,请走线下渠道。",
    "too_long": "这条消息太长了(超过 {limit} 字),请精简后再发。",
    "delivery_failed": "消息没能送达 {name}(对方可能屏蔽了机器人或未开通账号),请用其他方式联系。",
    "home_title": "{name},您今天的安排",
    "home_empty": "今天没有需要您处理的事。发「帮助」看看我能做什么。",
    "btn_confirm": "确认",
    "btn_cancel": "取消",
    "dialog_cancelled": "好的,已取消,什么都没有改动。",
    "dialog_expired": "上一个确认已经过期了,什么都没有改动。请重新发一次。",
    "already_handled": "这个按钮已经处理过了,无需重复操作。",
    "readback_footer": "以上对吗?点「确认」或回复「确认」,点「取消」放弃。",
    "dir_person_added": "已添加人员:{name}({roles}{dept})。",
    "dir_person_added_readback": "将添加人员:{name}(角色 {roles}{dept})。",
    "dir_person_updated": "已更新 {name}:{change}。",
    "dir_room_added": "已添加会议室:{name},{capacity} 人。",
    "dir_room_updated": "已更新会议室 {name}:{change}。",
    "dir_exists": "「{name}」已经在通讯录里了。",
    "dir_unknown_person": "通讯录里没有「{name}」。",
    "dir_unknown_room": "没有叫「{name}」的会议室。",
    "dir_unknown_department": "没有叫「{name}」的部门。",
    "dir_unknown_role": "没有「{role}」这个角色。可用角色:admin、director、leader、secretary、reception、staff。",
    "dir_usage": (
        "管理员可以这样维护通讯录:\n"
        "• 添加人员 张三 财务处 staff\n"
        "• 设置角色 张三 secretary\n"
        "• 添加会议室 402 12人\n"
        "• 修改会议室 402 容量 16"
    ),
}
