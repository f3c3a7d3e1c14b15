"""Known answers for the wiki's newer topics, in readers' own words, and danger phrasings in both languages."""

from __future__ import annotations

import pytest

from tests.search.test_known_answers import misses, top_articles
from wiki.content.repository import SiteContent

pytestmark = pytest.mark.django_db

ENGLISH = [
    ("my husband gives me the silent treatment for days", "silent-treatment"),
    ("partner stops talking to me until I apologise", "silent-treatment"),
    ("is the silent treatment emotional abuse", "silent-treatment"),
    ("should I stay or leave my marriage", "staying-or-leaving"),
    ("how to break up with someone kindly", "staying-or-leaving"),
    ("how to leave a controlling partner safely", "staying-or-leaving"),
    ("my husband cheated on me what do I do now", "after-an-affair"),
    ("how to rebuild trust after infidelity", "after-an-affair"),
    ("he keeps admitting more about the affair bit by bit", "after-an-affair"),
    ("is it consent if she was drunk", "alcohol-and-consent"),
    ("I was too drunk to remember if we had sex", "alcohol-and-consent"),
    ("my partner only wants sex when he's been drinking", "alcohol-and-consent"),
    ("since the baby we fight about who does more", "new-parents"),
    ("I think my husband has postnatal depression", "new-parents"),
    ("when can we have sex again after the birth", "new-parents"),
    ("my partner is from a different culture and we misunderstand each other", "across-cultures-and-languages"),
    ("he says shouting is normal in his culture", "across-cultures-and-languages"),
    ("arguing in my second language", "across-cultures-and-languages"),
    ("how do I ask my husband to go to couples counseling", "suggesting-therapy"),
    ("how to find a certified sex therapist", "suggesting-therapy"),
    ("my partner refuses marriage counselling", "suggesting-therapy"),
    ("my mother-in-law has a key and comes in without asking", "parents-and-in-laws"),
    ("my husband never stands up to his mum", "parents-and-in-laws"),
    ("family keeps asking when we'll have a baby", "parents-and-in-laws"),
    ("I found out my wife has been hiding credit card debt", "money-conversations"),
    ("should we split bills fifty fifty if he earns more", "money-conversations"),
    ("my partner controls all the money and I have to ask", "money-conversations"),
    ("my partner works nights and we never see each other", "long-distance-and-opposite-schedules"),
    ("we always fight before saying goodbye long distance", "long-distance-and-opposite-schedules"),
    ("long distance relationship no end date", "long-distance-and-opposite-schedules"),
    ("my boyfriend checks my phone every night", "phones-jealousy-and-privacy"),
    ("partner demands my passwords and location", "phones-jealousy-and-privacy"),
    ("my wife is still friends with her ex", "phones-jealousy-and-privacy"),
    ("am I addicted to porn", "pornography-in-a-relationship"),
    ("my husband watches porn and lied about it", "pornography-in-a-relationship"),
    ("boyfriend wants me to copy things from porn", "pornography-in-a-relationship"),
    ("sex hurts and I keep pushing through it", "sex-with-illness-pain-and-disability"),
    ("my antidepressant killed my sex drive", "sex-with-illness-pain-and-disability"),
    ("how to have sex when my partner uses a wheelchair", "sex-with-illness-pain-and-disability"),
    ("sex after menopause we sleep in separate rooms", "bodies-changing-with-age"),
    ("my husband takes viagra does he still fancy me", "bodies-changing-with-age"),
    ("erections not as hard now that we're older", "bodies-changing-with-age"),
    (
        "how do I ask my boyfriend to get tested without it sounding like I think he cheated",
        "talking-about-sexual-health",
    ),
    ("condom broke what do we do morning after pill", "talking-about-sexual-health"),
    ("my period is late and my partner says it'll be fine", "talking-about-sexual-health"),
    ("I love my partner but I never feel sexual attraction, am I broken", "asexuality-and-low-desire"),
    ("my wife just told me she is asexual what now", "asexuality-and-low-desire"),
    ("asexual and allosexual relationship how to compromise", "asexuality-and-low-desire"),
]

CHINESE = [
    ("老公冷暴力好几天不理我", "silent-treatment"),
    ("吵架后对方一直不说话是冷暴力吗", "silent-treatment"),
    ("已读不回冷着我直到我认错", "silent-treatment"),
    ("该不该离婚怎么决定", "staying-or-leaving"),
    ("怎么体面地当面提分手", "staying-or-leaving"),
    ("想离开控制欲强的老公怎么安全离开", "staying-or-leaving"),
    ("老公出轨了我该怎么办", "after-an-affair"),
    ("出轨后还能重建信任吗", "after-an-affair"),
    ("被背叛后要不要继续过下去", "after-an-affair"),
    ("喝醉了发生关系算同意吗", "alcohol-and-consent"),
    ("喝断片了不记得昨晚发生了什么", "alcohol-and-consent"),
    ("老公应酬喝多了回来要亲热", "alcohol-and-consent"),
    ("婆婆来伺候月子天天有矛盾", "new-parents"),
    ("有了孩子以后老公什么都不管", "new-parents"),
    ("爸爸也会产后抑郁吗", "new-parents"),
    ("中外伴侣文化差异怎么沟通", "across-cultures-and-languages"),
    ("他家说方言我听不懂", "across-cultures-and-languages"),
    ("南北方夫妻习惯不同总吵架", "across-cultures-and-languages"),
    ("怎么找靠谱的婚姻咨询师", "suggesting-therapy"),
    ("心理咨询师证书怎么核对", "suggesting-therapy"),
    ("老公不愿意去做婚姻咨询", "suggesting-therapy"),
    ("婆婆总是不打招呼来我家怎么办", "parents-and-in-laws"),
    ("老公夹在我和他妈中间当传话筒", "parents-and-in-laws"),
    ("过年亲戚催婚催生怎么回答", "parents-and-in-laws"),
    ("彩礼谈不拢两个人吵架怎么办", "money-conversations"),
    ("老公瞒着我借网贷炒股亏钱", "money-conversations"),
    ("AA制还是把钱放一起", "money-conversations"),
    ("夫妻两地分居看不到头怎么办", "long-distance-and-opposite-schedules"),
    ("一个上夜班一个上白班见不到面", "long-distance-and-opposite-schedules"),
    ("异地恋每次分别前都吵架", "long-distance-and-opposite-schedules"),
    ("伴侣要我的微信密码和定位", "phones-jealousy-and-privacy"),
    ("老公和前妻还有联系我吃醋", "phones-jealousy-and-privacy"),
    ("男朋友天天查我手机", "phones-jealousy-and-privacy"),
    ("我是不是色情成瘾了", "pornography-in-a-relationship"),
    ("他逼我模仿片子里的动作", "pornography-in-a-relationship"),
    ("戒色", "pornography-in-a-relationship"),
    ("吃抗抑郁药后没有性欲了怎么办", "sex-with-illness-pain-and-disability"),
    ("乳腺癌手术后老公不敢碰我", "sex-with-illness-pain-and-disability"),
    ("同房一直疼要不要忍着", "sex-with-illness-pain-and-disability"),
    ("更年期以后夫妻生活怎么办", "bodies-changing-with-age"),
    ("老公年纪大了勃起不行了", "bodies-changing-with-age"),
    ("老两口分床睡好几年了还能亲热吗", "bodies-changing-with-age"),
    ("怎么跟男朋友提一起去做性病艾滋病检查", "talking-about-sexual-health"),
    ("安全套破了怎么办 紧急避孕药", "talking-about-sexual-health"),
    ("疾控中心 艾滋病检测 会不会被别人知道", "talking-about-sexual-health"),
    ("我是不是无性恋 对伴侣没有性冲动", "asexuality-and-low-desire"),
    ("老婆性冷淡 是病吗 要不要去医院", "asexuality-and-low-desire"),
    ("无性恋和有性恋在一起怎么相处", "asexuality-and-low-desire"),
]

# Someone in danger describes it in everyday words; the coercion article must come first.
DANGER_ENGLISH = [
    "my husband forces me to have sex",
    "my boyfriend won't take no for an answer",
    "partner keeps pressuring me into sex after I say no",
    "she sulks for days until I give in",
    "I'm scared of my husband when I say no",
    "he threatens me if I refuse",
    "my girlfriend made me have sex when I didn't want to",
]
DANGER_CHINESE = [
    "老公逼我同房",
    "男朋友不接受拒绝",
    "我说不他还是硬来",
    "不愿意也要做",
    "拒绝就冷战好几天",
    "我很怕他生气，只好答应",
    "他威胁我不做就分手",
]


@pytest.mark.parametrize(("language", "table"), [("en", ENGLISH), ("zh-hans", CHINESE)])
def test_every_new_topic_is_found_in_the_top_three(
    site_content: SiteContent, language: str, table: list[tuple[str, str]]
) -> None:
    assert misses(table, language) == {}


@pytest.mark.parametrize(("language", "queries"), [("en", DANGER_ENGLISH), ("zh-hans", DANGER_CHINESE)])
def test_danger_phrasings_put_the_coercion_article_first(
    site_content: SiteContent, language: str, queries: list[str]
) -> None:
    misses = {
        q: top_articles(q, language, 1)
        for q in queries
        if top_articles(q, language, 1) != ["when-its-not-communication"]
    }
    assert misses == {}


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_the_results_page_opens_with_support_for_a_danger_phrasing(
    client: object, site_content: SiteContent, language: str
) -> None:
    query = DANGER_ENGLISH[0] if language == "en" else DANGER_CHINESE[0]
    html = client.get(f"/{language}/search/", {"q": query}).content.decode()  # type: ignore[attr-defined]
    main = html.split('<main id="main"', 1)[1]
    assert 'class="search-support"' in main
    assert main.index('class="search-support"') < main.index("when-its-not-communication")
    assert f"/{language}/support/" in main.split('class="search-support"', 1)[1][:2000]


def test_an_ordinary_query_gets_no_alarm(client: object, site_content: SiteContent) -> None:
    html = client.get("/en/search/", {"q": "how to apologise"}).content.decode()  # type: ignore[attr-defined]
    assert 'class="search-support"' not in html


def test_the_tables_are_big_enough() -> None:
    assert len(ENGLISH) >= 45 and len(CHINESE) >= 45
