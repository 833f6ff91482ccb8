"""Short sample texts for judging output quality (`bench --quality`), English and Chinese."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sample:
    """One sample text, the tasks it suits, and (for articles) its subject keywords."""

    name: str
    language: str  # "en" or "zh"
    kinds: tuple[str, ...]
    text: str
    keywords: tuple[str, ...] = ()


EN_STORY = Sample(
    name="en-story",
    language="en",
    kinds=("continue",),
    text=(
        "The ferry left the harbour an hour before dawn. Mara stood at the rail with her "
        "father's old compass in her hand, watching the lights of the town shrink to a "
        "thin yellow line. She had promised herself she would not look back, but she did, "
        "twice.\n\n"
        "By the time the sun rose, the sea had turned the colour of slate. A gull followed "
        "the boat for a while and then gave up. The captain, a quiet man with a burn scar "
        "on his wrist, came out of the wheelhouse and asked her where she was going."
    ),
)

EN_PARAGRAPH = Sample(
    name="en-paragraph",
    language="en",
    kinds=("rewrite",),
    text=(
        "In my personal opinion, I think that it is really very important for all of the "
        "people who work in our office to make sure that they always remember to turn off "
        "all of the lights and also the computers at the end of each and every working "
        "day, because if they do not do this, then the company ends up having to pay a "
        "lot of extra money for electricity that nobody is actually using at all."
    ),
)

EN_ARTICLE = Sample(
    name="en-article",
    language="en",
    kinds=("summarize",),
    keywords=("bee", "pollinat"),
    text=(
        "Honeybees are among the most important pollinators on the planet. As they move "
        "from flower to flower collecting nectar and pollen, they carry pollen grains "
        "between plants, which allows those plants to produce fruit and seeds. Scientists "
        "estimate that about one third of the food people eat depends, directly or "
        "indirectly, on pollination by insects, and honeybees do a large share of that "
        "work. Crops such as almonds, apples, blueberries and cucumbers rely heavily on "
        "them.\n\n"
        "A honeybee colony is a highly organised society. A single queen lays all of the "
        "eggs, sometimes more than a thousand in one day. Thousands of female worker bees "
        "build the wax comb, feed the young, guard the entrance and fly out to gather "
        "food. The male bees, called drones, have one job: to mate with a queen from "
        "another colony. Workers communicate the location of good flowers with a "
        "remarkable 'waggle dance', whose angle and length tell the other bees the "
        "direction and distance of the food.\n\n"
        "In recent decades, beekeepers in Europe and North America have reported heavy "
        "losses of colonies, especially over the winter. Researchers do not blame a single "
        "cause. Parasitic mites, particularly the varroa mite, weaken bees and spread "
        "viruses. Some pesticides, including a group called neonicotinoids, can harm the "
        "bees' ability to navigate and find their way home. The loss of wild flowers to "
        "farms and cities leaves bees with a poorer and less varied diet, and a changing "
        "climate shifts the time when flowers bloom.\n\n"
        "There are practical ways to help. Farmers can plant strips of wild flowers beside "
        "their fields and reduce the use of harmful chemicals. Cities can leave parks and "
        "road verges to grow less tidy. Gardeners can choose plants that flower at "
        "different times of the year, so that bees find food from early spring to late "
        "autumn, and they can avoid spraying insecticides on open blossoms. Even a window "
        "box of herbs such as thyme and lavender offers a meal to a passing bee.\n\n"
        "Protecting honeybees is not only about honey. It is about keeping the "
        "pollination that so much of our food, and so many wild plants, depend on. Healthy "
        "bees are a sign of a healthy landscape, and the choices made by farmers, "
        "governments and ordinary gardeners all play a part in keeping them."
    ),
)

ZH_STORY = Sample(
    name="zh-story",
    language="zh",
    kinds=("continue", "rewrite"),
    text=(
        "那年冬天，外婆的小店终于关门了。店里那台老收音机还摆在柜台上，"
        "每天早上六点，它都会准时响起，播放天气预报和一段京剧。"
        "我推开门的时候，屋里有一股淡淡的茶叶和旧木头的味道。"
        "外婆坐在窗边，手里拿着一本褪了色的账本，一页一页地翻着。"
    ),
)

ZH_ARTICLE = Sample(
    name="zh-article",
    language="zh",
    kinds=("summarize",),
    keywords=("茶",),
    text=(
        "茶是中国最古老、最有代表性的饮品之一。相传早在几千年前，人们就开始利用茶树的叶子。"
        "最初，茶被当作一种药材，用来解毒和提神；后来，人们逐渐发现它的香气和味道，"
        "茶才慢慢成为日常生活中的饮料。到了唐代，饮茶的风气已经传遍全国，"
        "陆羽写成了世界上第一部关于茶的专著《茶经》，系统地记录了种茶、制茶和饮茶的方法。\n\n"
        "根据加工方法的不同，中国茶通常分为绿茶、红茶、乌龙茶、白茶、黄茶和黑茶六大类。"
        "绿茶不经过发酵，保留了新鲜的清香，例如西湖龙井和碧螺春；红茶经过充分发酵，"
        "味道浓厚甜润；乌龙茶介于两者之间，香气丰富而持久。不同地区的气候和土壤，"
        "也让同一种茶呈现出各自的特点。\n\n"
        "茶不仅是一种饮品，也是一种文化。在中国，客人来访时先奉上一杯热茶，是基本的礼节。"
        "茶馆曾经是人们聊天、听书、谈生意的地方。宋代流行“斗茶”，人们比赛谁的茶汤颜色更白、"
        "泡沫更持久。明清以后，用紫砂壶泡茶的方式逐渐流行，讲究水温、器具和冲泡的时间。\n\n"
        "后来，茶叶沿着丝绸之路和海上航线传到了日本、欧洲和世界各地，"
        "在不同的国家发展出不同的饮茶习惯，例如日本的茶道和英国的下午茶。"
        "今天，茶已经成为全世界饮用最广泛的饮品之一，而它所代表的平和、简朴和待客之道，"
        "仍然是中国文化的重要组成部分。"
    ),
)

SAMPLES: tuple[Sample, ...] = (EN_STORY, EN_PARAGRAPH, EN_ARTICLE, ZH_STORY, ZH_ARTICLE)


def samples_for(kind: str) -> list[Sample]:
    """The samples suited to one task kind ("continue", "rewrite", "summarize")."""
    return [s for s in SAMPLES if kind in s.kinds]


def long_english_text() -> str:
    """A long, varied English text to cut benchmark prompts from (no model-hub data needed)."""
    parts: list[str] = []
    for kind in ("continue", "rewrite", "summarize"):
        parts.extend(s.text for s in samples_for(kind) if s.language == "en")
    base = "\n\n".join(parts)
    return "\n\n".join([base] * 12)
