"""Header: bureau, level (gazetteer-backed), report year, document types."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators
from parsing.records import DocumentHeader


def header(text: str) -> DocumentHeader:
    return extract_indicators(text).header


@pytest.mark.parametrize(
    ("title", "bureau", "level"),
    [
        ("江苏省科学技术厅2023年工作总结", "江苏省科学技术厅", "province"),
        ("苏州市科学技术局2023年工作总结", "苏州市科学技术局", "city"),
        ("昆山市科技局2023年工作总结", "昆山市科技局", "county"),
        ("阳新县科技局2023年工作总结", "阳新县科技局", "county"),
        ("准格尔旗科学技术局2023年工作总结", "准格尔旗科学技术局", "county"),
        ("锡林郭勒盟科技局2023年工作总结", "锡林郭勒盟科技局", "city"),
        ("恩施土家族苗族自治州科学技术局2023年工作总结", "恩施土家族苗族自治州科学技术局", "city"),
        ("江宁区科技局2023年工作总结", "江宁区科技局", "district"),
        ("苏州工业园区科技局2023年工作总结", "苏州工业园区科技局", "zone"),
        ("潍坊高新区科技局2023年工作总结", "潍坊高新区科技局", "zone"),
        ("湖北省黄石市阳新县科学技术局2023年工作总结", "湖北省黄石市阳新县科学技术局", "county"),
    ],
)
def test_named_bureaus_and_their_levels(title: str, bureau: str, level: str) -> None:
    got = header(title + "\n全年新增高新技术企业12家。")
    assert (got.bureau, got.level) == (bureau, level)


def test_unnamed_county_bureau_is_null_but_level_is_read_from_the_text() -> None:
    text = "今年以来，县科技局坚持创新驱动。我县新增高新技术企业9家，全县科技型中小企业达到80家，排名全市第一。"
    got = header(text)
    assert (got.bureau, got.level) == (None, "county")


def test_unnamed_district_bureau() -> None:
    got = header("区科技局2024年度工作报告\n今年以来，我区科技工作稳步推进，全区新增研发平台3家。")
    assert (got.bureau, got.level, got.report_year, got.doc_types) == (None, "district", 2024, ("report",))


def test_redacted_place_is_no_name() -> None:
    assert header("X区科技局2024年度工作报告\n我区新增平台3家。").bureau is None


def test_superior_bureau_cited_in_running_text_is_not_the_author() -> None:
    text = (
        "今年以来，我县科技工作扎实推进，县科技局全力服务企业。\n"
        "全县3个项目通过济南市科技局审核，我县新增高新技术企业9家，全县研发投入持续增长。"
    )
    got = header(text)
    assert (got.bureau, got.level) == (None, "county")


def test_summary_plus_plan_takes_the_summarised_year() -> None:
    got = header("高唐县科技局2023年工作总结和2024年工作计划\n一、2023年工作情况\n二、2024年工作计划")
    assert (got.report_year, got.doc_types) == (2023, ("summary", "plan"))


def test_notice_wrapping_summary_and_points() -> None:
    text = (
        "某科发〔2024〕3号\n关于印发《2023年全市科技工作总结》和《2024年全市科技工作要点》的通知\n"
        "各区县科技局：\n现将有关材料印发给你们。\n襄阳市科学技术局\n2024年2月20日"
    )
    got = header(text)
    assert (got.bureau, got.level, got.report_year, got.doc_types) == (
        "襄阳市科学技术局", "city", 2023, ("summary", "points"),
    )


def test_report_wrapping_summary_and_plan_is_summary_and_plan() -> None:
    got = header("县科技局关于2022年工作总结和2023年工作打算的报告\n我县全年新增高企5家。")
    assert got.doc_types == ("summary", "plan")
    assert got.report_year == 2022


def test_without_title_the_year_is_the_one_the_summary_talks_about() -> None:
    text = (
        "一、强化创新主体培育\n2023年度省科技型中小企业入库85家，2023年新增高新技术企业6家，"
        "2022年研发投入3.1亿元。\n二、存在的问题\n研发投入不足。"
    )
    got = header(text)
    assert (got.report_year, got.doc_types) == (2023, ("summary",))


def test_half_year_summary_without_years_in_title() -> None:
    text = (
        "科技局上半年工作总结和下半年工作计划\n一、上半年工作情况\n组织申报2021年省级项目3项。\n"
        "二、下半年工作计划\n2021年全年力争新增高新技术企业6家。"
    )
    got = header(text)
    assert (got.report_year, got.doc_types) == (2021, ("summary", "plan"))


def test_county_level_city_named_only_in_the_body_speaks_of_its_whole_city() -> None:
    text = (
        "2023年工作总结及2024年工作计划\n发布时间：2024-01-12 09:35   来源：本站\n"
        "2023年，诸城市科学技术局在市委、市政府的坚强领导下，全力推进科技创新各项工作。"
        "全市高新技术企业总数达到128家，3个项目获潍坊市科技局立项。"
    )
    got = header(text)
    assert (got.bureau, got.level) == ("诸城市科学技术局", "county")


def test_bureau_named_only_in_the_source_field_is_the_author() -> None:
    text = (
        "关于2023年度工作总结和2024年工作计划的报告\n发布时间：2024-01-05  来源：曲阜市科技局\n"
        "2023年，市科技局在市委、市政府坚强领导下，扎实推进科技创新工作。全市高新技术企业总数达到96家。"
    )
    got = header(text)
    assert (got.bureau, got.level) == ("曲阜市科技局", "county")


def test_a_source_of_funds_in_the_body_is_no_author_field() -> None:
    text = "今年以来，我县科技工作扎实推进。\n资金来源：济南市科技局专项资金，全县新增高新技术企业9家。"
    assert header(text).bureau is None


def test_zone_bureau_named_in_the_body_is_a_zone_though_the_text_says_whole_district() -> None:
    text = (
        "2023年工作总结和2024年工作计划\n"
        "2023年，潍坊高新区科技局在工委、管委会的坚强领导下，紧紧围绕全区中心工作，全力推进科技创新。"
        "全区高新技术企业总数达到326家。"
    )
    got = header(text)
    assert (got.bureau, got.level) == ("潍坊高新区科技局", "zone")


def test_zone_bureau_without_a_place_still_tells_the_level() -> None:
    text = "高新区科技局2023年工作总结\n2023年，高新区科技局在管委会的坚强领导下，全区高新技术企业总数达到326家。"
    got = header(text)
    assert (got.bureau, got.level) == (None, "zone")


def test_district_report_mentioning_a_zone_bureau_stays_a_district() -> None:
    text = (
        "区科技局2023年工作总结\n今年以来，区科技局聚焦创新驱动，全区新增高新技术企业40家。\n"
        "区科技局会同高新区科技局举办对接活动，我区科技工作稳步推进。"
    )
    assert header(text).level == "district"


@pytest.mark.parametrize(
    ("text", "bureau"),
    [
        ("广西科技厅2024年工作要点\n2024年全区科技工作的总体要求是：力争全区高新技术企业突破5000家。", "广西科技厅"),
        ("宁夏科技厅2024年工作要点\n2024年，全区科技工作要坚持创新驱动。力争全区高新技术企业突破800家。", "宁夏科技厅"),
        (
            "2023年工作总结\n2023年，广西壮族自治区科学技术厅在自治区党委、政府坚强领导下，推动全区科技创新。",
            "广西壮族自治区科学技术厅",
        ),
        ("自治区科技厅2024年工作要点\n力争全区高新技术企业总数突破800家。", None),
    ],
)
def test_autonomous_regions_are_provinces_and_whole_region_is_theirs(text: str, bureau: str | None) -> None:
    got = header(text)
    assert (got.bureau, got.level) == (bureau, "province")


@pytest.mark.parametrize(
    ("text", "bureau", "level"),
    [
        ("黔东南州科技局2024年工作要点\n力争全州高新技术企业总数达到130家以上。", "黔东南州科技局", "city"),
        (
            "恩施州科技局2023年工作总结\n2023年，州科技局在州委、州政府的坚强领导下，全州科技创新取得新成效。",
            "恩施州科技局", "city",
        ),
        (
            "2023年工作总结\n2023年，延边州科技局在州委、州政府的坚强领导下，全州高新技术企业总数达到160家。",
            "延边州科技局", "city",
        ),
        ("伊犁州科技局2023年工作总结\n全州新增高新技术企业20家。", "伊犁州科技局", "city"),
        ("内蒙古科技厅2024年工作要点\n力争全区高新技术企业突破1800家。", "内蒙古科技厅", "province"),
        ("长阳县科技局2023年工作总结\n全县新增高新技术企业6家。", "长阳县科技局", "county"),
    ],
)
def test_short_names_of_autonomous_divisions(text: str, bureau: str, level: str) -> None:
    got = header(text)
    assert (got.bureau, got.level) == (bureau, level)


@pytest.mark.parametrize(
    ("title", "bureau", "level"),
    [
        ("北京市门头沟区科学技术和信息化局2023年工作总结", "北京市门头沟区科学技术和信息化局", "district"),
        ("海淀区科学技术和信息化局2023年工作总结", "海淀区科学技术和信息化局", "district"),
        ("湄潭县科技和经济信息化局2024年上半年工作总结", "湄潭县科技和经济信息化局", "county"),
    ],
)
def test_merged_organ_names(title: str, bureau: str, level: str) -> None:
    got = header(title + "\n全年新增高新技术企业12家。")
    assert (got.bureau, got.level) == (bureau, level)


def test_a_long_metadata_line_does_not_swallow_the_title_and_body() -> None:
    text = (
        "索引号：113716260045163127/2024-00004    生成日期：2024-01-11\n"
        "滕州市科技局2023年工作总结及2024年工作计划\n\n"
        "2023年，市科技局在市委、市政府坚强领导下，扎实推进科技创新工作。全市高新技术企业总数达到156家。"
    )
    got = header(text)
    assert (got.bureau, got.level, got.report_year, got.doc_types) == (
        "滕州市科技局", "county", 2023, ("summary", "plan"),
    )


@pytest.mark.parametrize("crumb", ["首页 > 政务公开 > 规划计划", "首页 » 信息公开 » 工作计划", "首页＞规划计划"])
def test_a_breadcrumb_is_no_title(crumb: str) -> None:
    text = crumb + "\n商河县科技局2023年工作总结\n2023年，县科技局扎实推进科技创新工作。全县高新技术企业总数达到52家。"
    assert header(text).doc_types == ("summary",)


@pytest.mark.parametrize(
    ("title", "published", "year"),
    [
        ("县科技局上半年工作总结", "2024-07-12 08:30", 2024),
        ("县科技局工作总结", "2024-01-15", 2023),
        ("县科技局工作要点", "2024-02-20", 2024),
    ],
)
def test_without_any_year_the_publication_date_tells_it(title: str, published: str, year: int) -> None:
    text = f"{title}\n发布时间：{published}\n今年以来，县科技局围绕县委、县政府中心工作，全县入库科技型中小企业58家。"
    assert header(text).report_year == year


@pytest.mark.parametrize(
    ("text", "year"),
    [
        # A speech at a work meeting reviews the year before the meeting.
        ("实现良好开局\n主任在2016年全市科技工作会议上的报告\n2015年，全市高新技术企业达到500家。", 2015),
        # News of a meeting that only sets the new year's tasks is about the meeting's year.
        ("记者从2025年全省科技工作会议上了解到，2025年主要目标是：高新技术企业突破1.4万家。", 2025),
        ("记者从2025年全省科技工作会议上了解到，去年全省高新技术企业达到1.2万家。", 2024),
    ],
)
def test_a_work_meeting_is_about_the_year_it_reviews(text: str, year: int) -> None:
    assert header(text).report_year == year


def test_a_horizon_year_written_with_spaces_does_not_vote() -> None:
    text = "某县出台科技发展规划\n发布时间：2021-06-01\n《规划》明确，到 2025 年，全县高新技术企业达到80家。"
    assert header(text).report_year == 2021


def test_news_about_a_district_named_often_is_at_district_level() -> None:
    text = "2022年香洲区共引进科技项目537个。香洲区新增高新技术企业120家，香洲区科技型中小企业达到800家。"
    assert header(text).level == "district"


def test_a_region_named_more_often_than_its_prefectures_is_the_province() -> None:
    text = ("新疆维吾尔自治区科技工作会议召开。2023年，新疆高新技术企业达1911家。新疆将推动和田地区创建高新区，"
            "新疆科技型中小企业力争达2500家。")
    assert header(text).level == "province"


@pytest.mark.parametrize(
    ("text", "types"),
    [
        ("某市科学技术局关于市政协五届四次会议第0377号提案的复函\n全市高新技术企业达到500家。", ("report",)),
        ("某县出台了科技发展“十四五”规划\n《规划》明确，到2025年，全县高新技术企业达到80家。", ("report",)),
        ("您所在的位置: 首页 工作动态 正文\n某区科技局：聚力科技自立自强\n全区高新技术企业达到80家，同比增长12%。"
         "全区科技型中小企业达到300家。", ("report",)),
        ("2020年，在区党委、区管委会正确领导下，科技产业局坚定不移实施创新驱动发展战略。全区高新技术企业总数达535家。",
         ("summary",)),
    ],
)
def test_document_kinds_of_real_pages(text: str, types: tuple[str, ...]) -> None:
    assert header(text).doc_types == types


def test_a_heading_after_the_body_has_begun_is_no_title() -> None:
    body = "2023年，东胜区以实施科技兴蒙行动为统领，深入实施创新驱动发展战略，进一步提升地区创新能力。" * 3
    heading = "推进“双倍增”计划，加快高新技术企业发展。截至目前，全区高新技术企业达到60家。"
    assert header(f"东胜区以攻坚举措培厚科技创新沃土\n{body}\n{heading}").doc_types != ("plan",)


def test_a_count_of_2000_is_no_year() -> None:
    assert header("历史新高!全市科技型中小企业评价入库数突破2000家\n近日，入库名单公布。").report_year is None


def test_a_news_source_line_makes_a_report() -> None:
    text = (
        "您的位置:首页 >科技 > 正文\n\n某县着力实施科技创新跃升计划 创新环境不断优化\n\n"
        "来源:河北经济网2022-01-13\n\n去年，该县新认定科技型中小企业178家，总量达到695家。"
    )
    assert header(text).doc_types == ("report",)


def test_a_headline_about_a_programme_keeps_figures_as_done() -> None:
    text = (
        "某县着力实施科技创新跃升计划 创新环境不断优化\n\n"
        "来源:河北经济网2022-01-13\n\n去年，该县新认定科技型中小企业178家，总量达到695家。"
    )
    kinds = {r.kind for r in extract_indicators(text).records}
    assert kinds == {"actual"}


def test_a_reprinted_plan_keeps_its_goals() -> None:
    text = "某县2024年科技工作要点\n\n来源:某某日报\n\n全县高新技术企业总量达到60家，技术合同成交额5亿元。"
    kinds = {r.kind for r in extract_indicators(text).records}
    assert kinds == {"target"}


@pytest.mark.parametrize(
    "wider",
    ["资格有效数达1928家，占全市40%", "聚焦打造全市创新活力最强劲城区"],
)
def test_a_share_of_or_a_superlative_in_the_wider_area_is_not_its_voice(wider: str) -> None:
    text = (
        f"良庆区科技创新工作\n2021年，良庆区新增市级以上创新平台14个，{wider}。"
        "良庆区获评科技型中小企业113家。良庆区完成技术合同登记额2亿元。"
    )
    assert header(text).level == "district"


def test_a_dateline_does_not_vote_for_the_year_a_news_item_is_about() -> None:
    text = (
        "六盘水市研究试验发展投入稳步提升\n2021年11月17日11:05 | 小字号\n"
        "2020年，六盘水市全社会R&D经费投入11.98亿元，较上年增长7.4%，排名全省第五。"
    )
    assert header(text).report_year == 2020


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # A headline opening with a city, in a provincial paper quoting 省政府 and 全省.
        ("漳州全市高新技术企业已增至126家\n省政府印发方案，全省高企达到5000家。"
         "省政府要求各地加快。漳州市新增高企20家，全省排名第3。", "city"),
        # One district named far more than anything else, measured against 全市.
        ("近年来，江宁区扭住科技创新。江宁区高企达300家，江宁区研发投入全市第一。"
         "江宁区新增科技型中小企业80家。", "district"),
        # A zone's news, the zone named more than the wider area is.
        ("火炬开发区现有高新技术企业513家（占比全市近2成）。火炬开发区技术合同成交额10亿元。"
         "火炬开发区新增孵化器2家。", "zone"),
    ],
)
def test_a_news_item_without_its_own_voice_is_about_its_subject(text: str, level: str) -> None:
    assert header(text).level == level


def test_the_own_voice_is_never_overruled_by_the_subject() -> None:
    text = "我市科技工作会议召开。江宁区高企达300家，江宁区研发投入全市第一，江宁区新增科小80家。"
    assert header(text).level == "city"


def test_a_list_of_districts_is_no_subject() -> None:
    text = ("全市科技型中小企业5288家。武清区612家、西青区580家、武清区新增、西青区新增、"
            "武清区排名第一、西青区第二、武清区、西青区。")
    assert header(text).level == "city"


def test_a_government_notice_issuing_a_plan_is_the_plan() -> None:
    text = (
        "标题: 长春市人民政府办公厅关于印发长春市科学技术发展“十四五”规划的通知\n"
        "一、发展基础\n2020年全市高新技术企业2013户。\n"
    )
    assert header(text).doc_types == ("plan",)


def test_news_that_a_plan_was_issued_is_a_report() -> None:
    text = "磐安县出台了科技发展“十四五”规划\n近日，县政府办公室印发了规划，到2025年高新技术企业达到80家。\n"
    assert header(text).doc_types == ("report",)


def test_a_yearbook_column_is_a_summary() -> None:
    text = "首页 出版 双流年鉴2020\n科技事业发展\n【概况】\n2019年，双流区新增省级工程技术研究中心9家。\n"
    assert header(text).doc_types == ("summary",)


def test_news_of_an_undated_work_meeting_is_about_the_year_before_its_tasks() -> None:
    text = (
        "新疆科技创新再出发\n记者从3月8日召开的新疆维吾尔自治区科技工作会议上获悉，2024年，新疆将实施八个专项行动，"
        "力争今年净增高新技术企业550家。去年全区技术合同成交额增长20%。\n"
    )
    assert header(text).report_year == 2023


def test_news_of_a_zones_work_meeting_is_about_the_year_before() -> None:
    text = "兰州高新区擘画蓝图\n记者从兰州高新区2026年工作会议上获悉，2025年高新技术企业突破800家，今年将突破1000家。\n"
    assert header(text).report_year == 2025


def test_a_headline_on_a_county_citys_zone_is_a_zone_though_it_says_whole_city() -> None:
    """如皋高新技术产业开发区: the stem names no prefecture, yet the headline's subject is the zone."""
    text = ("海安高新技术产业开发区2024年工作规划\n"
            "2024年，海安高新区将紧紧围绕全市目标，力争新增高新技术企业20家，全市排名第一。\n")
    assert header(text).level == "zone"


def test_news_headlined_on_a_zone_that_never_says_whole_district_is_a_zone() -> None:
    text = ("绵阳高新区擘画新蓝图 高新技术企业锚定500家\n"
            "绵阳日报绵阳讯 记者从绵阳高新区2025年工作会议上获悉，绵阳高新区将锚定高新技术企业突破500家目标，"
            "在绵阳市率先建成科技城核心区，为绵阳市、绵阳市各县市区发展作贡献。\n")
    assert header(text).level == "zone"


def test_a_county_named_once_in_a_citys_text_leaves_it_a_city() -> None:
    """全市 is a county-level city's own word only when such a city (…市) is named most."""
    text = ("科技创新工作综述\n"
            "2024年，全市新增高新技术企业40家，全市技术合同成交额12亿元。其中浚县新增高新技术企业8家。\n")
    assert header(text).level == "city"


def test_a_county_level_city_named_again_and_again_speaks_for_a_county() -> None:
    text = ("科技创新工作综述\n"
            "2024年，醴陵市全市新增高新技术企业40家。醴陵市技术合同成交额12亿元，醴陵市排名全省第一。\n")
    assert header(text).level == "county"


def test_a_city_comparing_itself_with_beijing_and_shanghai_stays_a_city() -> None:
    text = ("科技创新工作综述\n"
            "2024年，我市研发投入增长20%，鄂尔多斯市技术合同成交额12亿元，"
            "鄂尔多斯市、鄂尔多斯市高校与北京、上海高校共建研发机构5家。\n")
    assert header(text).level == "city"


def test_a_news_stamp_with_a_two_digit_year_dates_an_undated_text() -> None:
    """23-03-07 08:22 来源：…: published in March, a whole-year news item is about the year before."""
    text = ("张掖市奖励优秀科技创新企业\n23-09-07 08:22 来源：张掖日报\n"
            "记者从全市科技工作推进会议上获悉，全市新认定高新技术企业20家。\n")
    assert header(text).report_year == 2023
