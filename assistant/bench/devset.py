"""The dev set for `bench --quality`: texts written for this project, English and Chinese.

Every text was written for this file (nothing is copied from published work). They
cover the genres writers bring (fiction, essay, work email, technical note,
dialogue, blog, ...) and cases that break small models: lists, dialogue-heavy
text, very short input, text crowded with names. About a quarter is held out:
never looked at while tuning prompts, sampling or check thresholds, and reported
separately, so the tuned numbers can be compared with unseen text.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DevText:
    """One dev-set text: its language, genre, and whether it is held out of tuning."""

    name: str
    language: str  # ISO-639-1 of the text
    genre: str
    text: str
    held_out: bool = False


def rewrite_selection(text: str, min_words: int = 60, min_cjk: int = 90) -> str:
    """The selection a writer would rewrite: leading paragraphs up to about a paragraph's worth.

    Whole paragraphs are taken until at least `min_words` words (or `min_cjk`
    CJK characters) are selected, so a dialogue of one-line paragraphs still
    gives a selection worth rewriting.
    """
    from assistant.tasks.text import has_cjk, split_paragraphs, word_units

    chosen: list[str] = []
    for paragraph in split_paragraphs(text):
        chosen.append(paragraph)
        selected = "\n\n".join(chosen)
        if len(word_units(selected)) >= (min_cjk if has_cjk(selected) else min_words):
            break
    return "\n\n".join(chosen)


_EN: tuple[DevText, ...] = (
    DevText(
        "en-fiction-orchard",
        "en",
        "fiction",
        "Every autumn Tomas Brenner drove up to his grandmother's orchard in the hills above "
        "Verlaine to help with the harvest. This year the road was washed out near the old "
        "mill, so he left the car at the bridge and walked the last two miles with a "
        "rucksack of tools on his back.\n\n"
        "His grandmother, Ilse, was already on the ladder when he arrived. She was eighty-one "
        "and refused to let anyone else pick the top branches, because she said young people "
        "bruised the fruit. Tomas held the ladder and listened to her complain about the "
        "weather, the price of sugar, and the neighbour's goats, which had eaten half the "
        "lettuces in June.\n\n"
        "By evening they had filled forty crates. Ilse made soup from the windfalls and they "
        "ate it on the porch while the light went orange over the valley. She told him the "
        "orchard would be his one day, and that he should never sell it to the hotel people "
        "from the coast, no matter what they offered. Tomas did not answer. He had already "
        "had a letter from the hotel people, and he had not yet decided what to do with it.",
    ),
    DevText(
        "en-fiction-station",
        "en",
        "fiction",
        "The night train to Carrow was forty minutes late, and the waiting room smelled of "
        "wet coats. Nadia sat with her suitcase between her knees and tried to read the "
        "same page of her book for the fourth time. Across from her, a boy of about ten was "
        "building a tower out of paper cups he had taken from the coffee machine.\n\n"
        "When the tower reached the height of his chin, it fell, and the cups rolled under "
        "the benches. The boy looked at Nadia as if she had knocked it over. She shrugged "
        "and helped him collect them. His name was Felix, he said, and he was going to his "
        "father's house for the holidays, and he had never been on a train at night.\n\n"
        "The announcement came at last, crackling and half swallowed by the wind. Felix's "
        "mother appeared from the ticket office, thanked Nadia with a tired smile, and took "
        "the boy by the hand. On the platform, Nadia saw him turn and wave a paper cup at "
        "her like a small white flag.",
    ),
    DevText(
        "en-fiction-lighthouse",
        "en",
        "fiction",
        "The lighthouse on Greyholm had been automatic for twenty years, but Agnes still "
        "climbed the stairs every evening to watch the lamp come on. She had kept the light "
        "with her husband until his death, and afterwards the harbour board let her stay in "
        "the keeper's cottage for a small rent and a promise to report any faults.\n\n"
        "In March a storm took the radio mast and most of the slates from the cottage roof. "
        "For three days no boat could cross from the mainland. Agnes lived on tinned "
        "peaches and tea, and wrote the lamp's hours in the old logbook as if someone might "
        "still read them. On the fourth morning a boat arrived with two engineers, a roll "
        "of roofing felt and a letter telling her the station would be sold.\n\n"
        "She read the letter twice, folded it into the logbook, and went to make tea for the "
        "engineers.",
    ),
    DevText(
        "en-essay-walking",
        "en",
        "essay",
        "We tend to think of walking as a way of getting somewhere, but for most of history "
        "it was also a way of thinking. Long walks give the mind a rhythm to lean on. The "
        "feet take care of the steps, and the thoughts, freed from the need to sit still "
        "and look busy, are allowed to wander and return.\n\n"
        "Modern cities make this harder than it should be. Pavements end abruptly, crossings "
        "are timed for cars, and many suburbs have no destination within walking distance at "
        "all. When walking becomes a chore to be minimised, we lose more than exercise. We "
        "lose the slow, unplanned attention that notices a new bakery, a neighbour's garden, "
        "or the way a street changes in the rain.\n\n"
        "Planners can help by building streets that invite people to stay on foot: short "
        "blocks, shade, benches, and shops on the ground floor. But individuals can also "
        "choose to walk when they could drive, not as a duty, but as a small daily habit "
        "that gives back more time to think than it takes.",
    ),
    DevText(
        "en-essay-libraries",
        "en",
        "essay",
        "Public libraries are one of the last places where a person can spend an entire day "
        "indoors without being expected to buy anything. That simple fact makes them "
        "unusually important. Students without quiet rooms at home come to study, older "
        "people come to read the newspapers, and job seekers come to use the computers and "
        "print their applications.\n\n"
        "Yet library budgets are often the first to be cut when councils save money. Opening "
        "hours shrink, branches close, and the remaining staff are asked to do more with "
        "less. The damage is hard to measure because the people who lose the most are the "
        "people with the fewest alternatives.\n\n"
        "A library is not only a store of books. It is shared infrastructure, like a road or "
        "a water pipe, and it deserves to be funded with the same steady seriousness.",
    ),
    DevText(
        "en-email-migration",
        "en",
        "work email",
        "Hi all,\n\n"
        "A quick update on the billing migration. We finished moving the invoice records to "
        "the new database on Tuesday night, two days ahead of plan. The reconciliation job "
        "found 312 records with mismatched totals, almost all caused by a rounding rule in "
        "the old system. Priya has written a fix, and we will rerun the job on Thursday.\n\n"
        "Customers will not see any change until the switch on the 14th. Until then, please "
        "do not edit invoices in the old admin screen, because those edits will not be "
        "copied. If you need to correct something urgently, send it to Marco and he will "
        "apply it in both places.\n\n"
        "Thanks for your patience,\nHelen",
    ),
    DevText(
        "en-email-offsite",
        "en",
        "work email",
        "Dear team,\n\n"
        "The spring offsite will take place at the Linden Hall conference centre from 6 to "
        "8 May. We have booked rooms for everyone on the list Sofia sent last week; if you "
        "are not on it, or you cannot come, please tell her by Friday so we can release the "
        "room.\n\n"
        "The first day is for planning the product roadmap, the second for workshops in "
        "smaller groups, and the third morning is free before we travel back. A coach will "
        "leave from the office at eight on the first day. Bring a laptop, comfortable shoes "
        "and a rain jacket: the walk to the lake is part of the programme whether it rains "
        "or not.\n\n"
        "Best regards,\nDaniel",
    ),
    DevText(
        "en-tech-cache",
        "en",
        "technical note",
        "The image service keeps a cache of resized thumbnails on local disk. Each entry is "
        "keyed by the source file's hash and the requested width, so a changed source never "
        "serves a stale thumbnail. Entries are written to a temporary file first and renamed "
        "into place, which keeps readers from seeing half-written images.\n\n"
        "The cache has no size limit of its own. A nightly job deletes entries that have not "
        "been read for thirty days, using the access time recorded in a small index file. On "
        "servers where the disk is mounted with noatime, the index is the only source of "
        "that information, so it must not be deleted by hand.\n\n"
        "If the disk fills up, the service falls back to resizing on every request. This is "
        "slow but correct, and an alert fires when the fallback has been active for more than "
        "ten minutes.",
    ),
    DevText(
        "en-tech-backup",
        "en",
        "technical note",
        "Backups of the customer database run every six hours and are stored in two places: "
        "the primary object store in Frankfurt and a cold archive in Dublin. Each backup is "
        "encrypted before it leaves the database server, and the keys are kept in the "
        "hardware security module, not on the server itself.\n\n"
        "A backup is only useful if it can be restored. Once a week an automated job restores "
        "the latest backup into a scratch database, runs a set of consistency checks, and "
        "records how long the restore took. Last quarter the median restore time was "
        "forty-two minutes. If a restore fails or takes longer than ninety minutes, the "
        "on-call engineer is paged.",
    ),
    DevText(
        "en-dialogue-bakery",
        "en",
        "dialogue",
        '"Are you still open?" Rosa asked, holding the door against the wind.\n\n'
        '"For you, five more minutes," said the baker, Mr Okafor, wiping his hands on his '
        'apron. "What do you need?"\n\n'
        '"A birthday cake. For tomorrow morning. I completely forgot."\n\n'
        'He laughed. "Everyone forgets once. Chocolate or lemon?"\n\n'
        "\"Chocolate. It's for my brother, Sam. He's turning thirty and he hates surprises, so "
        "I'm not telling him.\"\n\n"
        '"Then I\'ll write his name very small," Mr Okafor said, and reached for his order '
        'book. "Come at seven. If I\'m not at the counter, knock on the window by the ovens."',
    ),
    DevText(
        "en-dialogue-interview",
        "en",
        "dialogue",
        "Interviewer: Why did you leave engineering to open a bicycle repair shop?\n\n"
        "Leila Haddad: I missed fixing things I could hold. At the firm I spent most of my "
        "time in meetings about software that nobody outside the building would ever see.\n\n"
        "Interviewer: Was it hard to make the shop pay?\n\n"
        "Leila Haddad: The first year was terrible. I charged too little and worked every "
        "weekend. Then the city opened the new cycle lanes on Harbour Road, and suddenly half "
        "the neighbourhood owned a bike that needed a service.\n\n"
        "Interviewer: What do you tell people who want to do the same?\n\n"
        "Leila Haddad: Keep your savings for longer than you think you need them, and learn to "
        "say no to work that does not pay.",
    ),
    DevText(
        "en-blog-sourdough",
        "en",
        "blog",
        "I finally baked a sourdough loaf that did not look like a pancake, and I want to "
        "write down what changed before I forget.\n\n"
        "First, my starter was too young. I had been using it after five days, when it "
        "bubbled but did not really rise. This time I waited two full weeks, feeding it every "
        "morning, until it doubled within six hours. Second, I stopped following recipes that "
        "give exact times. My kitchen is cold in winter, so the dough needed almost twice as "
        "long to rise as the recipe said. I learned to watch the dough instead of the clock.\n\n"
        "The result was not perfect. The crust was too pale because I was afraid of burning "
        "it. Next weekend I will leave it in the oven ten minutes longer and see what happens.",
    ),
    DevText(
        "en-blog-garden",
        "en",
        "blog",
        "When we moved into the flat, the balcony was a bare concrete shelf with a broken "
        "chair on it. Two summers later it grows tomatoes, beans, three kinds of basil and a "
        "fig tree that is far too ambitious for its pot.\n\n"
        "The biggest lesson was about water. Pots dry out much faster than garden beds, and on "
        "hot days the tomatoes needed watering twice. I set up a cheap drip system with a "
        "timer, which saved the plants during our week away in August. The second lesson was "
        "about wind: on the fifth floor, tall plants need stakes tied in at least two places.\n\n"
        "Next year I want to try strawberries in a hanging basket, if the pigeons allow it.",
    ),
    DevText(
        "en-news-bridge",
        "en",
        "news report",
        "The footbridge over the River Aske at Millford will close for repairs on Monday, the "
        "county council announced yesterday. Inspectors found corrosion in two of the steel "
        "supports during a routine survey in January.\n\n"
        "The work is expected to take eleven weeks and cost about 400,000 pounds. During the "
        "closure, pedestrians will be directed to the road bridge half a mile downstream, "
        "where a temporary crossing with a lower speed limit has been installed.\n\n"
        "Local shop owners on Bridge Street have raised concerns about losing customers who "
        "usually cross from the station side. Councillor Joan Pike said the council would "
        "put up signs pointing to the shops and review the timetable if the work runs late.",
    ),
    DevText(
        "en-list-packing",
        "en",
        "list",
        "Packing list for the field trip to the Marran Hills:\n\n"
        "- Waterproof jacket and trousers\n"
        "- Two pairs of warm socks and a spare T-shirt\n"
        "- Packed lunch for both days and a full water bottle\n"
        "- Notebook, two pencils and a clipboard\n"
        "- Sun cream and a hat, even if the forecast is grey\n"
        "- Any medicine you take, labelled with your name\n\n"
        "The bus leaves the school gates at 7:30 on Wednesday and returns at about 5 pm on "
        "Thursday. Mobile phones are allowed but will be collected at night. Students who "
        "forget their jackets will not be able to join the walk along the ridge.",
    ),
    DevText(
        "en-list-meeting",
        "en",
        "meeting notes",
        "Notes from the Thursday planning meeting (Aiko, Ben, Carla, Dmitri)\n\n"
        "1. The website redesign slips by two weeks because the new photos are not ready. "
        "Carla will chase the photographer.\n"
        "2. Ben reported that support tickets fell by a fifth after the new help pages went "
        "live.\n"
        "3. Dmitri wants to drop the old mobile app in June. Aiko asked for numbers on how many "
        "people still use it before deciding.\n"
        "4. The team agreed to move the weekly meeting from Thursday to Tuesday morning.\n\n"
        "Next meeting: Tuesday at ten, in the small room.",
    ),
    DevText(
        "en-names-council",
        "en",
        "many names",
        "At the village council meeting in Easterby, Margaret Hollis opened the discussion on "
        "the new playground. Peter Lund argued that the field behind the church was too wet, "
        "while Anjali Rao pointed out that the school in Westcombe had used drainage mats on "
        "similar ground. Father Brennan offered the church hall for a public vote.\n\n"
        "Tom Fairley, who runs the garage on Mill Lane, promised to lend his digger for a "
        "weekend, and Grace Obi from the Easterby Gazette agreed to print the plans. Margaret "
        "Hollis closed the meeting by thanking Peter Lund for his objections, which she said "
        "had made the plan better. The vote will be held on the first Saturday of June in "
        "the church hall.",
    ),
    DevText(
        "en-short-one",
        "en",
        "very short",
        "The parcel arrived on Tuesday, two days late, with one corner crushed.",
    ),
    DevText(
        "en-short-two",
        "en",
        "very short",
        "Mina finished the report at midnight. She sent it to her manager, switched off the "
        "lamp, and fell asleep on the sofa with her shoes still on.",
    ),
    DevText(
        "en-memoir-kitchen",
        "en",
        "memoir",
        "My father cooked only on Sundays, and he cooked as if the kitchen were a stage. He "
        "put on a record, tied my mother's flowered apron over his shirt, and announced each "
        "dish before he started it. Most Sundays it was the same stew of beans and smoked "
        "sausage, but he always presented it as a new invention.\n\n"
        "I was allowed to chop the onions once I turned nine. He showed me how to curl my "
        "fingers so the knife could not reach them, and he never once took the knife away "
        "when I was slow. Years later, when I cooked for him in my own flat, he ate the stew "
        "in silence and then asked for the recipe, as if he had never tasted it before.",
        held_out=True,
    ),
    DevText(
        "en-review-headphones",
        "en",
        "review",
        "I bought these headphones for the train, and for that job they are excellent. The "
        "noise cancelling removes the engine hum completely and takes the edge off "
        "conversations, without the pressure in the ears that my old pair caused. The battery "
        "lasted a full week of commuting before it needed charging.\n\n"
        "There are two weak points. The case is bulky and does not fit in a coat pocket, and "
        "the touch controls on the right ear cup react to a brush of the collar, which pauses "
        "the music at random. For the price I expected a better app, too: it asks for an "
        "account before you can change the sound settings.",
        held_out=True,
    ),
    DevText(
        "en-history-canal",
        "en",
        "history note",
        "The Thornbury canal was dug between 1791 and 1796 to carry coal from the pits at "
        "Ashby to the mills along the river. At its busiest it moved more than a thousand tons "
        "a week, pulled by horses on the towpath. The arrival of the railway in 1848 cut its "
        "trade by half within ten years, and the last commercial boat passed through the locks "
        "in 1931.\n\n"
        "For decades the canal silted up and was used as a rubbish tip. In 1974 a group of "
        "volunteers began clearing it by hand. Today most of the route is open again to "
        "pleasure boats, and the old lock keeper's cottage at Ashby houses a small museum.",
        held_out=True,
    ),
    DevText(
        "en-email-apology",
        "en",
        "work email",
        "Dear Ms Castellano,\n\n"
        "Thank you for letting us know that your order of garden chairs arrived with two "
        "broken legs. I am sorry for the trouble this has caused, especially as you had "
        "planned to use them for your daughter's party this weekend.\n\n"
        "We have sent two replacement chairs by express delivery, and they should reach you "
        "on Thursday. There is no need to return the damaged chairs; please recycle them or "
        "keep them for parts. We have also refunded the delivery charge to your card.\n\n"
        "Kind regards,\nOwen Price\nCustomer Care",
        held_out=True,
    ),
    DevText(
        "en-fiction-snow",
        "en",
        "fiction",
        "Snow had closed the pass for a week when the stranger came down from the mountain. "
        "He walked into the inn at Hollow Ford with ice in his beard and asked for a room, "
        "paying in old silver coins that the innkeeper, Berit, had never seen before.\n\n"
        "He ate little and said less. In the mornings he sat by the window and watched the "
        "road, and in the evenings he asked the carters who came through whether anyone had "
        "been asking for a man from the north. Berit's son Aksel, who was twelve and curious "
        "about everything, followed him out to the stable one night and saw him feeding the "
        "horses with his bare hands, talking to them softly in a language Aksel did not "
        "know.",
        held_out=True,
    ),
    DevText(
        "en-tech-release",
        "en",
        "technical note",
        "Release 4.2 of the scheduling app changes how recurring events are stored. Instead of "
        "copying every occurrence into the calendar table, the app now stores one rule per "
        "series and expands it when a week is displayed. Editing a single occurrence creates "
        "an exception row that overrides the rule for that date.\n\n"
        "The migration converts existing series on first launch and keeps a backup of the "
        "old table for thirty days. Users with more than ten thousand events may see the "
        "first start take a minute longer than usual.",
        held_out=True,
    ),
)

_ZH: tuple[DevText, ...] = (
    DevText(
        "zh-fiction-ferry",
        "zh",
        "fiction",
        "每年清明，林晓都会坐渡船回到岛上看望爷爷。渡船很旧，发动机的声音像一只咳嗽的老狗，"
        "船舱里总是弥漫着柴油和海带的味道。今年船上人很少，只有几个背着竹筐的阿婆和一个抱着"
        "小猫的女孩。\n\n"
        "爷爷在码头等她，手里拄着一根新削的木棍。他说去年冬天摔了一跤，医生让他少走路，可他"
        "还是每天去海边看潮水。回家的路上，他指着山坡上那片茶园，说那是奶奶年轻时种下的，"
        "现在没人照顾，已经长得比人还高了。林晓没有说话，只是把爷爷的手握得更紧了一些。",
    ),
    DevText(
        "zh-fiction-market",
        "zh",
        "fiction",
        "天还没亮，菜市场里已经亮起了一排排黄色的灯。卖豆腐的老周把一板板豆腐摆上案子，"
        "热气在冷空气里慢慢升起来。隔壁卖鱼的阿芳一边刮鱼鳞，一边和他抱怨儿子不肯回家过年。"
        "\n\n"
        "六点钟，第一批客人来了。一个穿校服的男孩买了两块钱的豆浆，站在摊子前一口气喝完，"
        "又急匆匆地跑向公交站。老周看着他的背影笑了，说自己年轻的时候也是这样，早饭永远在"
        "路上吃。阿芳没有接话，她把一条最大的鲈鱼挑出来，用报纸包好，放在了摊子的最里面。",
    ),
    DevText(
        "zh-essay-reading",
        "zh",
        "essay",
        "很多人说自己没有时间读书，其实真正缺少的往往不是时间，而是安静下来的习惯。"
        "手机让我们可以随时获得信息，却也让注意力被切成了碎片。读完一篇长文章，"
        "常常需要比过去多得多的耐心。\n\n"
        "读书的好处之一，就是它逼着我们跟着一个完整的思路走下去。一本好书不会在三十秒内"
        "给出答案，它要求读者停留、思考，甚至反驳。这个过程很慢，却能让人看到事情的前因后果。"
        "\n\n"
        "不妨从每天睡前读二十分钟开始，把手机放在另一个房间。坚持一个月，你也许会发现，"
        "自己不仅读完了几本书，也重新找回了专注的能力。",
    ),
    DevText(
        "zh-essay-city",
        "zh",
        "essay",
        "城市越来越大，街道却越来越不适合步行。宽阔的马路方便了汽车，却把人行道挤到了边缘。"
        "很多新建的小区离超市、学校都很远，居民不得不开车完成每一件小事。\n\n"
        "一座适合步行的城市，需要短一些的街区、更多的树荫和随处可坐的长椅，也需要临街的小店"
        "和热闹的街角。这样的街道不仅让人更健康，也让邻居之间有了见面和交谈的机会。"
        "城市规划者在设计新区时，应该先想一想：一个不开车的老人，能不能在这里方便地生活？",
    ),
    DevText(
        "zh-email-schedule",
        "zh",
        "work email",
        "各位同事：\n\n"
        "下周三下午两点的季度总结会改到周四上午十点，地点不变，仍在三楼大会议室。"
        "请各部门负责人在周二下班前把本季度的数据表发给王静，她会汇总成一份报告，"
        "在会上统一展示。\n\n"
        "另外，财务部提醒大家，本月的报销单必须在二十五号之前提交，逾期将顺延到下个月处理。"
        "如有疑问，请直接联系行政部的李明。\n\n"
        "谢谢大家的配合！\n张华",
    ),
    DevText(
        "zh-tech-login",
        "zh",
        "technical note",
        "新版登录系统采用短信验证码和密码双重验证。用户输入密码后，服务器会向绑定的手机号"
        "发送一个六位数验证码，有效期为五分钟。验证码连续输错三次，账号将被锁定十五分钟。"
        "\n\n"
        "为了防止验证码被滥用，同一个手机号每小时最多只能请求五次。所有登录记录都会保存"
        "九十天，包括时间、地点和设备信息，方便用户在发现异常时及时修改密码。"
        "如果用户更换了手机号，需要先通过邮箱验证身份，才能重新绑定。",
    ),
    DevText(
        "zh-dialogue-taxi",
        "zh",
        "dialogue",
        "“师傅，去火车站，能快一点吗？”小陈一上车就问。\n\n"
        "“赶几点的车？”\n\n"
        "“八点二十的，去杭州。”\n\n"
        "司机看了一眼手表，“现在七点五十，这个时间桥上肯定堵。我走江边那条路，应该来得及。”"
        "\n\n"
        "“谢谢您！我昨天加班太晚，闹钟都没听见。”\n\n"
        "“年轻人都这样，”司机笑着说，“我儿子也是，天天说要早睡，结果每天都是最后一个关灯。”",
    ),
    DevText(
        "zh-blog-travel",
        "zh",
        "blog",
        "上个月我和朋友去了一趟云南大理，在古城住了五天。我们没有跟旅行团，每天早上租两辆"
        "自行车，沿着洱海慢慢骑，看到喜欢的地方就停下来拍照、喝茶。\n\n"
        "最难忘的是在喜洲的一个下午。我们在一家老院子里吃了当地的破酥粑粑，老板娘教我们"
        "用木模做扎染，结果我染的手帕颜色一塌糊涂，她却说这才是手工的味道。"
        "如果你也打算去大理，建议避开节假日，多留一两天给自己发呆。",
    ),
    DevText(
        "zh-news-library",
        "zh",
        "news report",
        "本市第一座二十四小时自助图书馆昨天在人民公园东门正式开放。市民只需刷身份证或"
        "借书卡，就可以在任何时间借还图书。馆内目前藏书约八千册，以文学、历史和少儿读物为主。"
        "\n\n"
        "图书馆负责人赵刚介绍，开放首日共有六百多人次进馆，最晚的一位读者在凌晨一点借走了"
        "三本小说。市文化局表示，如果使用情况良好，明年将在另外四个区各建一座同样的图书馆。",
        held_out=True,
    ),
    DevText(
        "zh-list-moving",
        "zh",
        "list",
        "搬家前一周需要完成的事情：\n\n"
        "一、联系搬家公司，确认时间和车辆大小；\n"
        "二、把不常用的书和衣服先装箱，在箱子上写清楚房间名称；\n"
        "三、办理水电燃气的过户或停用手续；\n"
        "四、通知快递和银行更新地址；\n"
        "五、最后一天检查所有抽屉和柜子，别忘了阳台上的花。\n\n"
        "搬家当天请保持手机畅通，贵重物品和证件随身携带。",
        held_out=True,
    ),
    DevText(
        "zh-short",
        "zh",
        "very short",
        "雨下了一整夜，第二天早上，院子里的桂花落了一地。",
        held_out=True,
    ),
)

# Adversarial mixes: Chinese names in English prose (stays English) and English
# terms in Chinese prose (stays Chinese).
_MIXED: tuple[DevText, ...] = (
    DevText(
        "en-mixed-names",
        "en",
        "mixed script",
        "Our guide in Suzhou, Mr Chen, wrote the names of the gardens in his notebook for us: "
        "拙政园 and 留园. He told us to arrive before nine, when the tour groups were still on "
        "their buses, and to walk the Humble Administrator's Garden clockwise so that the "
        "best view of the pond came last. We followed his advice and had the long gallery "
        "almost to ourselves for half an hour.",
    ),
    DevText(
        "zh-mixed-terms",
        "zh",
        "mixed script",
        "这次 sprint 的目标是把用户注册流程从旧的 PHP 系统迁移到新的 API 服务。"
        "前端需要改动三个页面，后端要补充单元测试，覆盖率不能低于百分之八十。"
        "小王负责数据库迁移脚本，周五之前提交 code review，下周一在测试环境上线。",
    ),
)

DEVSET: tuple[DevText, ...] = (*_EN, *_MIXED, *_ZH)


def devset(held_out: bool | None = None) -> list[DevText]:
    """The dev texts; `held_out` True or False picks one part, None gives all."""
    return [t for t in DEVSET if held_out is None or t.held_out == held_out]
