"""Words of names for the draft: the surnames a person's name opens with (:data:`SURNAMES`, or two
parts joined by a middle dot), and where an organisation's name begins, for the name shapes of
:mod:`reportgraph.draftnames`: a Latin-letter part of a foreign or joint-venture name is kept
(ABB（中国）有限公司, SMC自动化有限公司), a verb or 与 the left edge kept is dropped (应X邀请: 应 is no part of
X); a post and a name before 任 or 与 make no part of a name (:data:`APPOINTED`); the words a name never
runs across (:data:`STOP_WORDS`), an event's (:data:`EVENT_STOPS`). Imports nothing.
"""

import bisect
import re
from functools import lru_cache
from typing import Any

_LATIN = re.compile(r"[A-Za-z0-9&\-.·]*[A-Za-z][A-Za-z0-9&\-.·]*$")
_INVITED = re.compile(r"(?:的)?(?:盛情|诚挚|热情|特别)?邀请")
#: Words a name never runs across, leftwards: verbs, prepositions, times of the genre.
STOP_WORDS = sorted(set((
    "由 在 向 赴 于 了 的 是 被 把 将 等 并 还 也 都 已 就 兼 为 到 从 让 请 给 "
    "据悉 据了解 代表 邀请 应邀 参观 考察 走访 拜访 到访 访问 出席 参加 主办 承办 协办 指导 "
    "支持 举行 举办 召开 联合 携手 共同 来自 包括 组织 率 率领 带领 陪同 签署 签订 会见 看望 "
    "调研 视察 前往 走进 位于 暨 以及 其中 作为 通过 成立 设立 入驻 落户 引进 介绍 表示 "
    "认为 指出 强调 获得 荣获 授予 成为 加入 当选 选举 聘任 聘请 担任 上午 下午 晚上 当天 "
    "当日 同日 随后 会上 会后 会前 期间 目前 近日 日前 今年 去年 近年来 主持 致辞 讲话 听取 "
    "汇报 围绕 针对 关于 对接 感谢 欢迎 接待 见证 及其 与会 各位 抵达 回到 缔结 结为 首先 先后 "
    "分别 一行 发布 推动 帮助 协助 服务 支撑 依托 牵头 面向 对于 以上 所有 这些 那些 多家 "
    "吸纳 接纳 吸收 批准 同意 宣布 祝贺 该 本 他 她 我们 他们 希望 要求 表彰 对 会员单位 会员企业 成员单位 受 以 "
    "出任 兼任 莅临 应邀 就任 现任 带队 会同 联手 增补 增选 补选 推选 深化 加强 密切 拓展 增进 "
).split()), key=len, reverse=True)
#: Words an event's name never runs across, leftwards: verbs and times of the genre (digits may open one).
EVENT_STOPS = sorted(set((
    "由 在 于 了 的 是 赴 到 率 率领 带领 参加 出席 举行 召开 举办 开展 组织 主办 承办 协办 主持 以 并 还 也 将 为 从 向 与会 随后 会上 期间 上午 下午 当天 "
    "同日 本次 此次 本届 这次 该 出席了 参加了 会见 同期 今年 去年 近日 日前 据悉 其中 一场 莅临 参会 应邀 亮相 走进 开幕 闭幕 邀请 组团 观摩 宣布 祝贺 参观"
).split()), key=len, reverse=True)
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池"
    "查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆"
    "朴盖练廉禹井祖漆巴丰支卿国狄平计索宣晋相初门云容敬来扈晁芮都普阙浦戈伏鹿薄邸雍辜羊阿乌母裘亓修邰赫"
    "杭况那宿鲜印逯隆茹诸战慕危玉银亢嵇公哈湛宾戎勾茅利於呼居揭干但尉冶斯元束檀衣信展阴昝智幸奉植衡富尧萧傅阎赖洪")
COMPOUND_SURNAMES = ("欧阳", "司马", "诸葛", "上官", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "夏侯",
                     "令狐", "宇文", "司徒", "端木", "独孤", "南宫", "西门", "轩辕", "呼延", "申屠")
#: A name of two parts joined by a middle dot (买买提·艾力), whatever its first character.
DOTTED_NAME = re.compile(r"[\u4e00-\u9fff]{1,6}[·•・][\u4e00-\u9fff]{1,8}")
#: A post and a name before 任 or 与 (该院院长某某任联盟理事长; 市长某某与某集团) are no part of the name that follows.
APPOINTED = re.compile(r"(?:长|主任|书记|理事|经理|董事|总裁|主席)[\u4e00-\u9fff]{2,3}(?:兼任|担任|出任|任|与|和|同)")


def name_start(text: str, begin: int, end: int) -> int:
    """The start of the name ending at ``end`` whose left edge (by its Chinese characters) is
    ``begin``: before a run of Latin letters (and digits) written against it, after 应/受 when
    邀请 follows the name, after 与/同/跟 (还与某协会签署).

    >>> text = "参观了ABB（中国）有限公司。"
    >>> text[name_start(text, text.index("（"), len(text) - 1):-1]
    'ABB（中国）有限公司'
    >>> text = "应北原商会邀请"
    >>> text[name_start(text, 0, 5):5]
    '北原商会'
    """
    latin = _LATIN.search(text, max(0, begin - 24), begin)
    if latin and latin.end() == begin and latin.start() < begin:
        return latin.start()
    if text[begin:begin + 1] in ("应", "受") and _INVITED.match(text, end):
        return begin + 1
    if text[begin:begin + 1] in ("与", "同", "跟") and end - begin > 4:      # 还与某协会签署: 与 opens no name
        return begin + 1
    post = [m.end() for m in APPOINTED.finditer(text, begin, end)]
    return post[-1] if post and end - post[-1] >= 3 else begin      # 市长某某与某集团: the name is 某集团


def clause_start(text: str, pos: int, marks: str = "，。；：\n,;:") -> int:
    """Where the clause holding ``pos`` opens: after the last of ``marks`` before it (with other marks,
    other stretches: the sentence's with 。！？；).

    >>> clause_start("会议召开，张三出席", 7)
    5
    """
    places = marks_in(text, marks)
    return places[bisect.bisect_left(places, pos) - 1] + 1


@lru_cache(maxsize=32)
def marks_in(text: str, marks: str) -> tuple[int, ...]:
    """Where any of ``marks`` stands in ``text``, in order, after a -1 (the text's start): looked up by
    bisection, as each clause asks, instead of a search back to the text's start (on a text of a
    million characters with a mark it never writes, that search made the draft quadratic).

    >>> marks_in("甲，乙。丙", "，。")
    (-1, 1, 3)
    """
    return (-1, *(m.start() for m in re.finditer("[" + re.escape(marks) + "]", text)))


def in_place_word(doc: Any, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` of a draft's ``doc`` (:class:`reportgraph.draftnames.Doc`) lies inside a
    longer word the tokenizer tags a place or a body (成都市 and a body named after it: its 都 is no stop word)."""
    token = next((t for k in range(start, max(-1, start - 8), -1) if (t := doc.token_at(k))), None)
    return token is not None and token[2] in ("ns", "nt") and token[0] <= start and end <= token[1] \
        and token[1] - token[0] > end - start
