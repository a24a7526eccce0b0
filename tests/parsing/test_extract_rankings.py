"""Ranking forms, scopes, measures, and what is not a ranking."""

from __future__ import annotations

import pytest

from parsing.extract import extract_indicators


def rankings(text: str) -> list[tuple[str, str, int | None, str | None]]:
    return [
        (r.metric, r.measure, r.rank, r.scope)
        for r in extract_indicators(text).records
        if r.kind == "ranking"
    ]


@pytest.mark.parametrize(
    ("sentence", "rank", "scope"),
    [
        ("全区技术合同成交额9.6亿元，排名全市第一。", 1, "全市"),
        ("全区技术合同成交额9.6亿元，居全省第一位。", 1, "全省"),
        ("全区技术合同成交额9.6亿元，位居全市第二。", 2, "全市"),
        ("全区技术合同成交额9.6亿元，全市排名第1位。", 1, "全市"),
        ("全区技术合同成交额9.6亿元，列全市第3位。", 3, "全市"),
        ("全区技术合同成交额9.6亿元，排名同考核单元第1名。", 1, "同考核单元"),
        ("全区技术合同成交额9.6亿元，居全省首位。", 1, "全省"),
        ("全区技术合同成交额9.6亿元，在全省16个市中排名第四。", 4, "全省"),
        ("全区技术合同成交额9.6亿元，位居全市各区县前列。", None, "全市各区县"),
        ("全区技术合同成交额9.6亿元，稳居全国前茅。", None, "全国"),
        ("全区技术合同成交额9.6亿元，排名全球第三。", 3, "全球"),
        ("全区技术合同成交额9.6亿元，位居全球创新城市首位。", 1, "全球创新城市"),
        ("全区技术合同成交额9.6亿元，列全省县(市、区)第一。", 1, "全省县（市、区）"),
        ("全区技术合同成交额9.6亿元，位居亚太地区第9。", 9, "亚太地区"),
    ],
)
def test_ranking_forms(sentence: str, rank: int | None, scope: str) -> None:
    assert rankings(sentence) == [("tech_contract_value", "level", rank, scope)]


@pytest.mark.parametrize(
    "sentence",
    [
        "技术合同成交额排名全省前三。",
        "全区技术合同成交额X.X亿元，列全市第X位。",
        "建成全市唯一的省级技术创新中心。",
        "落地全省第一家概念验证中心。",
        "创新是引领发展的第一动力。",
        "组织企业申报第一批高新技术企业。",
        "技术合同成交额创历史新高，实现零的突破。",
    ],
)
def test_not_rankings(sentence: str) -> None:
    assert rankings(sentence) == []


def test_past_position_is_skipped_and_new_one_keeps_its_scope() -> None:
    got = rankings("全市综合科技创新水平指数由全省第12位上升至第7位。")
    assert [(rank, scope) for _, _, rank, scope in got] == [(7, "全省")]
    assert got[0][0].startswith("other:")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("科技型中小企业入库3700余家，全省排名由第12位上升至第5位。", ("tsme_registered", "level", 5, "全省")),
        ("全市高新技术企业数量从去年的第8名跃升至全省第4名。", ("hte_total", "level", 4, "全省")),
        ("高新技术产业产值占规模以上工业产值比重达到52.3%，位次由全省第6位提升到第3位。",
         ("ht_output_share", "level", 3, "全省")),
    ],
)
def test_a_position_left_behind_is_no_ranking_wherever_the_scope_stands(
        text: str, expected: tuple[str, str, int, str]) -> None:
    assert rankings(text) == [expected]


def test_ranking_of_growth_takes_yoy_measure() -> None:
    got = rankings("全县研发经费投入5.1亿元，增长19.2%，增幅居全市第一。")
    assert got == [("rd_expenditure", "yoy_growth", 1, "全市")]


@pytest.mark.parametrize(
    "sentence",
    [
        "全区技术合同成交额108.6亿元，同比增长25.7%，居全省第二位。",
        "全县研发经费投入2.4亿元，比上年增长12%，位列全市第3名。",
        "全市技术合同登记额23亿元，完成年度目标任务的131%，排名全省第一。",
    ],
)
def test_ranking_after_a_growth_verb_ranks_the_level(sentence: str) -> None:
    """Only a ranking that names the rate (增幅, 增速, 完成率) ranks it; 同比增长 N% after its
    amount is a verb (a growth given without its amount is ranked itself)."""
    assert [m for _, m, _, _ in rankings(sentence)] == ["level"]


@pytest.mark.parametrize(
    ("sentence", "measure"),
    [
        ("全县研发经费投入2.4亿元，增幅达18.5%，全市排名第一。", "yoy_growth"),
        ("全县研发经费投入2.4亿元，同比增长18.5%，增速居全市首位。", "yoy_growth"),
        ("全区技术合同成交额增长率为41%，位居全市第2位。", "yoy_growth"),
        ("科技型中小企业评价入库任务完成率126%，列全市第一位。", "completion"),
        ("全县高企申报完成率达到115%，全市排名第3。", "completion"),
        ("全区科技型中小企业新认定921家,入库增幅达126.29%、位列全国第二位。", "yoy_growth"),
    ],
)
def test_ranking_that_names_a_rate_takes_its_measure(sentence: str, measure: str) -> None:
    assert [m for _, m, _, _ in rankings(sentence)] == [measure]


def test_growth_and_share_ranked_at_once_get_their_own_metrics() -> None:
    got = rankings("全区高新技术产业产值增速及占比均列全市第2位。")
    assert got == [("ht_output_value", "yoy_growth", 2, "全市"), ("ht_output_share", "level", 2, "全市")]


def test_chained_rankings_share_the_measure() -> None:
    got = rankings("研发投入同比增长21%，增幅位居全市前列、排名同类县市第1名。")
    assert got == [("rd_expenditure", "yoy_growth", None, "全市"), ("rd_expenditure", "yoy_growth", 1, "同类县市")]


def test_completion_rate_ranking() -> None:
    got = rankings("高新技术企业申报任务完成率107%，全市排名第2。")
    assert got == [("hte_applied", "completion", 2, "全市")]


def test_two_measures_ranked_at_once() -> None:
    got = rankings("高新技术产业产值增速及占比均列全市第2位。")
    assert sorted(m for _, m, _, _ in got) == ["level", "yoy_growth"]


def test_ranking_of_a_redacted_figure_is_kept() -> None:
    got = rankings("全区技术合同登记额X.X亿元，同比增幅目前全市第一。")
    assert got == [("tech_contract_value", "yoy_growth", 1, "全市")]


def test_own_subject_that_is_no_core_metric_becomes_other() -> None:
    got = rankings("全市科技创新综合评价指数连续三年保持全省前列。")
    assert got == [("other:科技创新综合评价指数", "level", None, "全省")]


def test_rankings_in_plan_sections_are_goals_not_rankings() -> None:
    text = "二、2025年工作计划\n力争技术合同成交额排名全市第一。"
    assert rankings(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全县高新技术企业数量位居全市第一。", [("hte_total", "level", 1, "全市")]),
        ("全县研发经费投入增幅位居全市第二。", [("rd_expenditure", "yoy_growth", 2, "全市")]),
        ("科技型中小企业入库数量全市排名第1位。", [("tsme_registered", "level", 1, "全市")]),
        ("新增市级以上创新平台21家，新增数量全市第一。", [("platforms", "level", 1, "全市")]),
        ("研发投入强度较上年提升3个位次，居全市第5位。", [("rd_intensity", "level", 5, "全市")]),
        ("高新技术企业数量较上年前移4个位次，居全市第4位。", [("hte_total", "level", 4, "全市")]),
    ],
)
def test_the_scope_nearest_the_position_and_the_metric_named_before_it(
        text: str, expected: list[tuple[str, str, int, str]]) -> None:
    assert rankings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "2024年工作计划：力争技术合同成交额保持全市前三位。",
        "2024年工作计划：确保研发投入强度稳居全省前3位。",
        "推动全县科技工作走在全市前列。",
        "推动全区科技创新工作走在前列。",
        "入库科技型中小企业数量较上年前进6个位次。",
    ],
)
def test_bounds_moves_and_aims_are_no_record(text: str) -> None:
    assert extract_indicators(text).records == []


def test_a_further_place_ranks_its_subjects_when_more_figures_follow_in_the_sentence() -> None:
    got = rankings(
        "全省研发经费投入达1183.9亿元，强度提升至2.47%，居全国第9、中部第2；技术合同成交额突破4000亿元，"
        "增长超20%；12个主持项目获国家科学技术奖。"
    )
    assert ("rd_intensity", "level", 2, "中部") in got
    assert ("rd_expenditure", "level", 2, "中部") in got


def test_positions_come_in_reading_order() -> None:
    from parsing.extract.rankings import find_positions

    found = find_positions("强度提升至2.47%，居全国第9、中部第2；新增12个项目，居全国第7。")
    assert [p.start for p in found] == sorted(p.start for p in found)


def test_a_compared_areas_figure_leaves_the_subject() -> None:
    got = rankings("全市入库科技型中小企业1017家，仅次于济南（1027家）排全省第二位。")
    assert ("tsme_registered", "level", 2, "全省") in got


def test_a_held_place_names_no_subject() -> None:
    assert ("rd_intensity", "level", 1, "苏北") in rankings("全社会研发投入占GDP比重达2.24%，蝉联苏北第1。")



def test_a_position_after_a_growth_without_its_amount_ranks_the_growth() -> None:
    assert rankings("全县研发经费投入同比增长18%，居全市第一。") == [("rd_expenditure", "yoy_growth", 1, "全市")]


def test_a_position_after_an_amount_and_its_growth_verb_ranks_the_amount() -> None:
    got = rankings("全县研发经费投入2.4亿元，同比增长18%，居全市第一。")
    assert got == [("rd_expenditure", "level", 1, "全市")]


@pytest.mark.parametrize(
    ("sentence", "rank", "scope"),
    [
        ("全市综合科技进步水平指数58.4%，市州排位第五位。", 5, "市州"),
        ("全县高新技术企业总数县区排名第二。", 2, "县区"),
        ("高企总量连续5年保持全国区县第二。", 2, "全国区县"),
        ("在全省51家国家级和省级高新区综合评价中居第19位。", 19, "全省51家国家级和省级高新区综合评价"),
    ],
)
def test_list_units_and_long_lists_as_scopes(sentence: str, rank: int, scope: str) -> None:
    assert [(r, s) for _, _, r, s in rankings(sentence)] == [(rank, scope)]


def test_a_rate_named_inside_the_position_is_its_measure() -> None:
    got = rankings("全年地区生产总值1.7万亿元，在16个万亿级城市中增速第一。")
    assert [(m, r) for _, m, r, _ in got] == [("yoy_growth", 1)]


def test_a_count_that_passed_ranks_the_figure_before() -> None:
    assert rankings("高新技术企业认定45家，通过数位居南通第二。") == [("hte_new", "level", 2, "南通")]


def test_all_of_a_sentences_figures_share_one_tier_those_of_no_core_metric_too() -> None:
    text = "2023年，高新技术产业产值占比达69%，每万人发明专利拥有量达106.7件，均位于同类开发区前列。"
    assert rankings(text) == [
        ("ht_output_share", "level", None, "同类开发区"),
        ("other:每万人发明专利拥有量", "level", None, "同类开发区"),
    ]


def test_the_above_indicators_are_the_figures_of_the_sentences_before() -> None:
    text = (
        "2024年，全市研发投入27.84亿元，同比增长8.7%；规上企业新产品销售收入397.45亿元。"
        "以上各项指标均列全省县域前列。"
    )
    assert rankings(text) == [
        ("rd_expenditure", "level", None, "全省县域"),
        ("other:规上企业新产品销售收入", "level", None, "全省县域"),
    ]


def test_a_clause_naming_its_ranking_ranks_the_level_of_the_unnamed_figure_before() -> None:
    text = (
        "2022年全市综合科技进步水平指数达到65.61%，比上年提高13.13个百分点，增幅全省第一，"
        "全省排名由第5位提升到第3位。"
    )
    assert rankings(text) == [
        ("other:综合科技进步水平指数", "change", 1, "全省"),
        ("other:综合科技进步水平指数", "level", 3, "全省"),
    ]


@pytest.mark.parametrize(
    "places",
    ["全省排名分别为1、2、4位", "全省排名分别为第1、2、4位", "分别居全省第1、第2、第4位"],
)
def test_respective_places_go_to_the_list_of_the_clause_before(places: str) -> None:
    text = f"2022年，科技活动投入、科技进步环境、科技活动产出连续3年增长明显，{places}。"
    assert rankings(text) == [
        ("other:科技活动投入", "level", 1, "全省"),
        ("other:科技进步环境", "level", 2, "全省"),
        ("other:科技活动产出", "level", 4, "全省"),
    ]


def test_a_ranked_density_is_no_ranking_of_the_count() -> None:
    text = "2021年，全市每万家企业法人中高新技术企业数量位居全省前列。"
    assert [(metric.startswith("other:"), scope) for metric, _, _, scope in rankings(text)] == [(True, "全省")]


@pytest.mark.parametrize(
    ("sentence", "rank"),
    [
        ("2022年，在“2022年中国工业百强县(市)”榜单中，醴陵排名第66位。", 66),
        ("2022年，在“全国科技创新百强县(市)”评比中，醴陵排名第47位。", 47),
    ],
)
def test_a_place_in_a_named_national_list(sentence: str, rank: int) -> None:
    assert [(r, scope) for _, _, r, scope in rankings(sentence)] == [(rank, "全国")]
    assert rankings(sentence)[0][0].endswith("百强县（市）")  # the list is the ranked metric


def test_the_ranked_subject_keeps_its_words() -> None:
    assert rankings("2022年，全市产业可持续水平位居亚太地区第9。")[0][0] == "other:产业可持续水平"


@pytest.mark.parametrize(
    ("sentence", "rank", "scope"),
    [
        ("全县高新技术企业21家，省直管县第三。", 3, "省直管县"),
        ("全县技术合同成交额9.6亿元，于考核十个县市区第6位。", 6, "考核十个县市区"),
        ("全县技术合同成交额9.6亿元，继续位列中西部省份城区首位。", 1, "中西部省份城区"),
        ("全县技术合同成交额9.6亿元，居中国上榜城市集群第7位。", 7, "中国上榜城市集群"),
        ("全县技术合同成交额9.6亿元，取得了省级高新区第一的好成绩。", 1, "省级高新区"),
    ],
)
def test_a_list_named_by_its_members_is_the_scope(sentence: str, rank: int, scope: str) -> None:
    assert (rank, scope) in [(r[2], r[3]) for r in rankings(sentence)]


def test_a_numbered_name_ending_its_clause_is_no_group_position() -> None:
    assert rankings("全县新建县第一中学，县第一批项目开工。") == []


@pytest.mark.parametrize(
    ("sentence", "rank", "scope"),
    [
        ("2022年全球创新指数排名，西安由2021年第33位跃升至第22位。", 22, "全球"),
        ("国家高新区排名从2020年的第65位跃升至第53位。", 53, "全国"),
    ],
)
def test_a_rise_in_a_list_named_before_takes_the_lists_reach(sentence: str, rank: int, scope: str) -> None:
    assert [(r[2], r[3]) for r in rankings(sentence)] == [(rank, scope)]


def test_a_rise_in_no_named_list_is_no_ranking() -> None:
    assert rankings("全县技术合同成交额9.6亿元，由第3位上升至第2位。") == []


def test_growths_all_ranked_in_the_next_sentence_rank_each_growth() -> None:
    """产值…增长；增加值…增长。增速均居…: each growth of the sentence before is ranked."""
    text = ("2020年，全县高新技术产业实现产值88.2亿元，同比增长21.5%；实现增加值20.3亿元，同比增长18.4%。"
            "增速均居全市第3位。")
    assert sorted(rankings(text)) == [("ht_output_value", "yoy_growth", 3, "全市"),
                                      ("other:增加值", "yoy_growth", 3, "全市")]


def test_growth_rates_listed_before_one_shared_place_are_each_ranked() -> None:
    text = "2022年，全区高企认定数增速（41.2%）以及总量增速（22.5%）均居全省第二。"
    assert sorted(rankings(text)) == [("hte_new", "yoy_growth", 2, "全省"), ("hte_total", "yoy_growth", 2, "全省")]


def test_levels_shared_by_all_keep_to_the_levels_when_growths_follow_them() -> None:
    """专利申请量和授权量…，分别同比增长…，均位居第3位 ranks the two levels (corpus decision 10)."""
    text = "2019年，我市专利申请量和授权量分别为5421件和2604件，分别同比增长60.3%和35.7%，均位居全省第3位。"
    assert all(measure == "level" for _, measure, _, _ in rankings(text))


def test_a_list_named_in_a_clause_before_the_place_is_its_scope() -> None:
    text = "2019年，在科技部火炬中心公布的169个国家高新区综合排名中，宝鸡高新区排名第49位。"
    assert [(rank, scope) for _, _, rank, scope in rankings(text)] == [(49, "169个国家高新区")]


def test_a_second_list_named_later_in_the_sentence_is_not_the_first_ones() -> None:
    text = ("2018年，在科技部火炬中心公布的157个国家级高新区综合排名中，南昌高新区排名第38位；"
            "在某研究所发布的“中国工业园区100强”中，南昌高新区排名第28位。")
    assert (28, "157个国家级高新区") not in [(rank, scope) for _, _, rank, scope in rankings(text)]


def test_a_place_in_a_list_named_by_its_title_keeps_the_title_as_scope() -> None:
    text = "2023年，无锡位列中国城市创新能力百强榜第16位。"
    assert [(rank, scope) for _, _, rank, scope in rankings(text)] == [(16, "中国城市创新能力百强榜")]
