"""Texts written for the voice tests (original prose, one narrator's voice; no writer's files)."""

from __future__ import annotations

HARBOUR_STORY = """\
The ferry left at six, and Maud was always on it. She liked the hour before the town \
woke, when the gulls had the harbour to themselves and the water lay flat as a plate. \
She carried a thermos of tea and a notebook with a soft green cover, and she wrote \
nothing in it until the engine settled into its long, patient drone.

What she wrote was never the news. The news she left to the radio in the galley, which \
muttered about weather fronts and fish prices to nobody in particular. She wrote about \
the man who fed the gulls with crusts from his pocket, and about the girl who counted \
the buoys under her breath, one, two, three, as if they might otherwise swim away.

On the island the road climbed between stone walls that had been built, her father \
said, by men who were paid by the yard and paid badly. The walls leaned a little, the \
way tired people lean, and moss grew on the side that faced the sea. Maud touched them \
as she walked. It was a habit she had never tried to break.

The school stood at the top of the hill, a low building with a bell that no longer \
rang. She taught eleven children there, and on wet days she taught them twelve things \
at once, because the rain made them restless and a restless child will learn anything \
if it is offered quickly enough. On dry days they went down to the rocks and named \
what they found.

In winter the ferry sometimes did not come. Then the island drew into itself like a \
cat in front of a fire. The shop sold out of bread by noon, the pub lit its stove at \
three, and the old men played dominoes with a seriousness they had never given to \
anything else. Maud marked exercise books by lamplight and listened to the wind.

She had come for one year and stayed for nine. When people asked her why, she said \
that she had not finished looking yet, and that was true, though it was not the whole \
of it. The whole of it was harder to say. It had to do with the light at four in the \
afternoon, and with being known by name in every house she passed.

Her sister wrote from the city every month, long letters full of plans. Come back, the \
letters said, there is so much here, there is everything. Maud read them twice and \
kept them in a tin. She did not doubt that there was everything in the city. She only \
doubted that she wanted everything, when she already had enough.

On the last evening of the spring term the children brought her a crab in a bucket, \
which was the highest honour they knew how to give. She thanked them gravely and \
carried it down to the water herself, and they watched it go sideways into the weed \
with the solemn faces of people at a launching.

The next morning the ferry was late. Maud stood on the slipway with her thermos and her \
green notebook and watched the grey line where the sea met the sky. When the boat \
came at last, small and stubborn against the swell, she found that she was smiling, \
and she did not know whether it was because it had come or because she was not on it.

Years later, when the school had closed and the children had grown and gone, somebody \
found the notebooks in a cupboard. There were nineteen of them, all green, all full. \
Nobody could say what they were for. They were not a diary and they were not a story. \
They were, someone said at last, a kind of long looking, and that seemed to be enough.
"""

CHINESE_STORY = "\n\n".join(
    [
        "清晨的渡船六点出发，莫德总是在船上。她喜欢小镇醒来之前的那一个钟头，"
        "海鸥占据着整个港湾，水面平得像一只盘子。她带着一壶茶和一本绿色封面的笔记本。",
        "她写的从来不是新闻。新闻留给厨房里的收音机，它对着空气低声说着天气和鱼价。"
        "她写那个从口袋里掏面包屑喂海鸥的男人，写那个低声数着浮标的女孩。",
        "岛上的路在石墙之间向上爬。父亲说，那些墙是按码计酬的人砌的，而且工钱很低。"
        "墙微微倾斜，像疲倦的人那样倚着，朝海的一面长满了青苔。",
    ]
    * 12
)
