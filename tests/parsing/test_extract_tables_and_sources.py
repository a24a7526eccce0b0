"""Patterns of batches R–U (2026-12-07), each on an invented text: progress tables of
assigned tasks, goals quoted in brackets, scopes sharing one place, news sourced from a
bureau, and paragraphs a blank line ends."""

from __future__ import annotations

from parsing.extract import extract_indicators
from parsing.extract.textclean import paragraphs


def facts(text: str) -> set[tuple[object, ...]]:
    return {(r.kind, r.metric, r.measure, r.value, r.rank, r.scope) for r in extract_indicators(text).records}


PROGRESS_TABLE = (
    "- 标 题:某县科学技术局2022年第一季度重点任务进展情况一览表\n- 效力状态:有效\n"
    "序号 |\n任务目标 |\n进展情况 |\n存在问题 |\n|\n1 |\n"
    "深化产学研合作，新增高新技术企业25家以上，研发经费占地区生产总值比重达到2.1%。 |\n"
    "召开高企培训会，一季度新增科技型中小企业12家。 |\n无 |\n→正常 |\n"
)


def test_a_task_cell_of_a_progress_table_states_goals_and_the_next_cell_what_was_done() -> None:
    found = facts(PROGRESS_TABLE)
    assert ("target", "hte_new", "level", 25.0, None, None) in found
    assert ("target", "rd_intensity", "level", 2.1, None, None) in found
    assert ("actual", "tsme_registered", "level", 12.0, None, None) in found


def test_a_progress_table_titled_in_a_bulleted_metadata_field_is_a_report() -> None:
    header = extract_indicators(PROGRESS_TABLE).header
    assert header.doc_types == ("report",)
    assert header.report_year == 2022


def test_a_goal_in_brackets_after_a_count_is_that_count_s_goal_and_the_completion_is_done() -> None:
    found = facts("2019年，全区新认定高新技术企业300家（任务目标180家），完成全年任务的167%，总数达到900家。")
    assert ("target", "hte_new", "level", 180.0, None, None) in found
    assert ("actual", "hte_new", "completion", 167.0, None, None) in found
    assert ("actual", "hte_total", "level", 900.0, None, None) in found


def test_scopes_listed_before_one_place_share_it() -> None:
    found = facts("2019年，全区高新技术企业总数达到2292家，稳居全省、全市第一。")
    assert ("ranking", "hte_total", "level", None, 1, "全省") in found
    assert ("ranking", "hte_total", "level", None, 1, "全市") in found


def test_a_programme_named_plan_sets_no_goal() -> None:
    found = facts("2022年，通过“三区”人才支持计划选派科技特派员27人，资金54万元。")
    assert ("actual", "sci_commissioners", "level", 27.0, None, None) in found
    assert not any(kind == "target" for kind, *_ in found)


def test_the_money_of_projects_named_as_fiscal_support_is_secured_funding() -> None:
    found = facts("2022年，全年立项各级科研项目56个，财政支持资金总额2269.5万元，较上年增长46.3%。")
    assert ("actual", "funding_secured", "level", 2269.5, None, None) in found


def test_a_bureau_a_reporter_learned_the_figures_from_is_the_bureau() -> None:
    text = ("某某市科技型中小企业数量突破600家，居广西第一\n\n广西日报 2020-08-04\n\n"
            "本报讯 8月3日，记者从南宁市科技局获悉，今年全区科技型中小企业中，该市入库603家，稳居全区第一。")
    header = extract_indicators(text).header
    assert header.bureau == "南宁市科技局"
    assert header.level == "city"


def test_a_blank_line_ends_a_paragraph_but_a_page_break_does_not() -> None:
    assert len(paragraphs("南宁市科技型中小企业数量突破600家，居广西第一\n\n广西日报 2020-08-04")) == 2
    assert len(paragraphs("全市有研发活动企业占比达到62.5%，同比增长\n\n— 3 —\n\n2.1个百分点。")) == 1


def test_a_completion_or_growth_ranked_without_a_subject_ranks_the_count_before() -> None:
    found = facts("2024年，全区科技型中小企业入库500家，任务完成率全市第一，增速连续两年位列全市第一。")
    assert ("ranking", "tsme_registered", "completion", None, 1, "全市") in found
    assert ("ranking", "tsme_registered", "yoy_growth", None, 1, "全市") in found


def test_a_share_of_the_year_s_task_is_the_completion() -> None:
    found = facts("2022年上半年，申报高新技术企业21家，占全年目标任务30.88%。")
    assert ("actual", "hte_applied", "completion", 30.88, None, None) in found


def test_research_and_development_spelled_out_without_yu_is_r_and_d() -> None:
    found = facts("2019年，全省研究开发支出超过830亿元，同比增长13.6%。")
    assert ("actual", "rd_expenditure", "level", 8_300_000.0, None, None) in found


def test_a_clause_continuing_the_year_before_ends_an_estimate() -> None:
    found = facts("2020年1月。预计去年高新技术产业营业收入1.84万亿元，同比增长9%，延续前一年的高速增速；"
                  "全省研发投入强度达到2.1%。")
    assert ("actual", "rd_intensity", "level", 2.1, None, None) in found


def test_an_industrial_cluster_zone_is_a_zone() -> None:
    text = ("洛阳高新技术产业集聚区获评省优\n\n日前，省政府印发通报，洛阳高新技术产业集聚区等20个产业集聚区被评为优秀。"
            "2017年，洛阳高新技术产业集聚区认定高新技术企业66家，有效期内高新技术企业跃升至111家。")
    extraction = extract_indicators(text)
    assert extraction.header.level == "zone"
    assert ("actual", "hte_new", "level", 66.0, None, None) in facts(text)


def test_a_further_scope_after_a_bracketed_aside_keeps_the_ranking() -> None:
    found = facts("2022年，西安创新能力排名跃升至全国第6位（位列前五的均为副省级城市），西部城市第1位。")
    assert any(r[0] == "ranking" and r[4] == 6 and r[5] == "全国" for r in found)
    assert any(r[0] == "ranking" and r[4] == 1 and r[5] == "西部城市" for r in found)


def test_a_wider_place_naming_a_tier_speaks_for_the_bureau() -> None:
    found = facts("2021年，山东省级及以上瞪羚企业27家，隐形冠军企业34家，专精特新中小企业104家，数量均居潍坊市首位。")
    ranked = {r[1] for r in found if r[0] == "ranking" and r[4] == 1 and r[5] == "潍坊市"}
    assert len(ranked) == 3


def test_a_bureau_is_not_outnumbered_by_the_short_name_of_its_own_place() -> None:
    text = ("兰州：科技创新亮牌\n\n2023年，兰州全力推进强科技行动，兰州高新技术企业达到1015家，"
            "兰州技术合同成交额达到92.57亿元。兰州市科技局相关负责人说，兰州将继续发力。2023年，兰州市科技局支持兰州兽研所建设研究中心。")
    assert extract_indicators(text).header.bureau == "兰州市科技局"


def test_bureaus_named_for_industry_and_science_or_the_new_economy() -> None:
    text = "澄迈县工业信息化和科学技术局2023年工作总结\n\n全县高新技术企业达到30家。"
    assert extract_indicators(text).header.bureau == "澄迈县工业信息化和科学技术局"


def test_projects_of_the_state_and_an_autonomous_region_and_their_money() -> None:
    found = facts("2024年，推动争取国家、自治区科技计划项目56项，各类资金2.32亿元，居各盟市首位。")
    assert ("actual", "projects_provincial", "level", 56.0, None, None) in found
    assert ("actual", "funding_secured", "level", 23200.0, None, None) in found
    assert ("ranking", "funding_secured", "level", None, 1, "各盟市") in found


def test_a_contribution_rate_to_r_and_d_growth_is_no_intensity() -> None:
    found = facts("2024年，全市研发投入增长18%，对全区R&D投入增长的贡献率达到48.9%，居全区首位。")
    assert not any(metric == "rd_intensity" for _, metric, *_ in found)


def test_a_position_right_after_a_part_ranks_the_part() -> None:
    found = facts("2017年，全县申请专利300件，取得专利200件，其中有效发明专利165件，全省排名第二。")
    assert ("ranking", "other:有效发明专利", "level", None, 2, "全省") in found


def test_total_and_increase_ranked_together_rank_the_count_s_level_and_change() -> None:
    found = facts("2020年，全区净增高新技术企业252家，总数达到786家，同比增长47.2%，占沈阳市的30.6%，"
                  "总量及增量均列沈阳市第一。")
    assert ("ranking", "hte_total", "level", None, 1, "沈阳市") in found
    assert ("ranking", "hte_total", "change", None, 1, "沈阳市") in found


def test_one_we_the_province_of_a_paper_does_not_speak_for_the_zone_of_its_headline() -> None:
    text = ("2021-02-08 18:02:20\n来源：互联网\n沈阳高新区高新技术企业数量年增近50%\n"
            "日前，我省618家企业通过国家高新技术企业认定，其中133家企业来自沈阳高新区。"
            "至此，沈阳高新区2020年全年净增高新技术企业252家，总数达到786家。沈阳高新区研发机构达272家。")
    extraction = extract_indicators(text)
    assert extraction.header.level == "zone"
    assert ("actual", "hte_total", "level", 786.0, None, None) in facts(text)


def test_a_second_position_after_the_growth_ranks_the_growth() -> None:
    found = facts("1-10月，全市规上工业企业研发费用支出186.43亿元，全省第四，同比增长44.5%，全省第四，"
                  "高于营收（24.0%）20.5个百分点。")
    assert ("ranking", "rd_expenditure", "level", None, 4, "全省") in found
    assert ("ranking", "rd_expenditure", "yoy_growth", None, 4, "全省") in found
    assert not any(measure == "change" for _, _, measure, *_ in found)


def test_firms_passing_review_after_the_applications_are_the_new_firms() -> None:
    found = facts("今年上半年，高新技术企业注册申报数8170家、同比增长46.4%，评审通过企业数量1531家、同比增长56.1%。")
    assert ("actual", "hte_new", "level", 1531.0, None, None) in found


def test_a_short_cell_after_a_long_line_is_no_wrapped_continuation() -> None:
    progress = ("组织5名高层次创业创新人才申报泰山人才工程，其中1名人选已通过省委组织部综合论证，"
                "确定为泰山产业领军人才建议人选；1创业企业类3创业团队类均通过市级初评推荐至省厅")
    assert len(paragraphs(f"{progress}\n县科技局\n县人社局")) == 3
    assert len(paragraphs("规模以上工业企业中有研发活动企业占比达到56.66%，全市研发经费投入129.39亿元，"
                          "占GDP比重达到2.94%，同比增长\n3.44个百分点。")) == 1


def test_a_review_of_a_plan_reports_what_was_done() -> None:
    text = ("《南京市“十四五”科技创新规划》实施中期评估情况\n"
            "经评估，《科技规划》上半程进展顺利，核心指标基本达到中期目标。\n"
            "一是创新能力实现新突破，2022年，全社会研发经费支出占GDP比重达3.82%，南京在国家创新型城市排名中提升至第2位。")
    extraction = extract_indicators(text)
    assert extraction.header.doc_types == ("report",)
    found = facts(text)
    assert ("actual", "rd_intensity", "level", 3.82, None, None) in found
    assert any(r[0] == "ranking" and r[4] == 2 and r[5] == "国家创新型城市" for r in found)


def test_bare_items_after_an_application_verb_are_applications() -> None:
    found = facts("2024年，组织申报州级重点研究与技术开发专项项目9项，州级科技计划项目30项，自治区级科技计划项目19项，"
                  "目前已立项州级科技计划项目2项。")
    assert ("actual", "projects_municipal", "level", 2.0, None, None) in found
    assert not any(value in (9.0, 19.0, 30.0) for *_, value, _, _ in found)


def test_goals_from_assigned_task_indicators_and_a_second_goal_after_a_past_clause() -> None:
    found = facts("2024年上半年工作总结。根据州科技局任务指标，2024年内新认定高新技术企业6家，"
                  "目前已申报第一批高新技术企业11家，2025年根据州科技局下发目标任务培育高新技术企业12家，目前已培育储备4家。")
    assert ("target", "hte_new", "level", 6.0, None, None) in found
    assert ("actual", "hte_applied", "level", 11.0, None, None) in found
    assert any(kind == "target" and value == 12.0 for kind, _, _, value, _, _ in found)


def test_a_bureau_of_a_place_the_gazetteer_lacks_is_found_on_the_title_line() -> None:
    """issue 21 item 9: `extract` missed a bureau named in the text's first line."""
    header = extract_indicators("澄川市科学技术局2023年工作总结\n全市高新技术企业达到100家。").header
    assert (header.bureau, header.level) == ("澄川市科学技术局", "city")
    assert extract_indicators("各区县科技局2023年工作总结\n全市高新技术企业达到100家。").header.bureau is None


def test_a_report_of_work_done_and_next_year_s_plan_reads_its_first_part_as_done() -> None:
    text = ("2017年科技局重点工作完成情况和2018年重点工作计划\n2017年重点工作简要回顾\n"
            "2017年，全县培育建成并通过市科技局认定众创空间1个，申报国家高新技术企业6家。")
    extraction = extract_indicators(text)
    assert "summary" in extraction.header.doc_types
    assert ("actual", "hte_applied", "level", 6.0, None, None) in facts(text)


def test_performance_goals_are_targets() -> None:
    text = ("桃源县科学技术局2021年度部门整体支出绩效目标申报表\n"
            "整体绩效目标 | 1、培育高新技术企业15家，新增6家；2、技术交易合同50个，全县技术交易额达2个亿。 | ||||\n"
            "组建科技特派员团队数量 | 组建科技特派员团队数量 | 1个 | |||||\n")
    found = facts(text)
    assert ("target", "hte_new", "level", 6.0, None, None) in found
    assert ("target", "tech_contract_count", "level", 50.0, None, None) in found
    assert any(kind == "target" and value == 20000.0 for kind, _, _, value, _, _ in found)
    assert ("target", "other:组建科技特派员团队数量", "level", 1.0, None, None) in found
    self_check = extract_indicators("关于2019年度绩效目标完成情况的自查报告\n2019年，全市高新技术企业达到100家。")
    assert self_check.header.doc_types == ("report",)


def test_a_year_s_overall_goal_heading_opens_goals_until_a_completion_heading() -> None:
    text = ("一、自评工作开展情况\n（一）部门年度总体目标\n"
            "高新技术企业数总数达到130家以上，“R&D占GDP比重”达1.7%以上。\n"
            "（二）主要任务完成情况\n2024年，全县新增科技型中小企业50家。")
    found = facts(text)
    assert ("target", "hte_total", "level", 130.0, None, None) in found
    assert ("target", "rd_intensity", "level", 1.7, None, None) in found
    assert ("actual", "tsme_registered", "level", 50.0, None, None) in found


def test_news_headlined_on_a_city_is_the_city_s_not_the_issuer_s() -> None:
    text = ("河北新闻本网原创\n2021年投入185.63亿元！唐山市研发经费投入连续两年居全省第一位\n"
            "2022-10-25 10:26:56 来源：河北新闻网\n"
            "近日，河北省科技厅、省统计局、省财政厅联合发布了2021年我省科技经费投入统计公报。"
            "数据显示，唐山市研发经费投入为185.63亿元，连续两年居全省第一位。唐山市科技型中小企业达到10049家。")
    extraction = extract_indicators(text)
    assert (extraction.header.bureau, extraction.header.level) == (None, "city")
    assert ("actual", "rd_expenditure", "level", 1_856_300.0, None, None) in facts(text)


def test_applying_to_enter_the_register_is_no_registration() -> None:
    found = facts("2021年，全市科技型中小企业申请入库2360家，向科技部报备高新技术企业455家。")
    assert not any(metric == "tsme_registered" for _, metric, *_ in found)
    assert ("actual", "hte_new", "level", 455.0, None, None) in found


def test_half_year_news_subsets_and_applications() -> None:
    found = facts("2023年上半年，我省技术合同成交额达到640.1亿元，技术合同成交额占GDP的比重首次突破2%；"
                  "省内高校技术合同成交额11.66亿元。")
    assert not any(metric == "rd_intensity" for _, metric, *_ in found)
    assert not any(value == 116600.0 for *_, value, _, _ in found)
    assert ("actual", "hte_applied", "level", 15.0, None, None) in facts("2022年，共申报新认定高新技术企业15家。")
    growth = facts("今年1-5月，全市规上工业研发费用达270.4亿元，同比增长23%；全市高新技术产业投资同比增长39.7%。")
    assert not any(value == 39.7 for *_, value, _, _ in growth)
    header = extract_indicators("广水市科技经信局2022年工作进展\n全市高新技术企业达到50家。").header
    assert header.bureau == "广水市科技经信局"


def test_a_listed_goal_of_no_core_metric_is_a_goal_on_other() -> None:
    found = facts("2023年工作要点。到2027年，高新技术企业和科技型企业实现双倍增、总量分别超过1000家和4500家。")
    assert ("target", "hte_total", "level", 1000.0, None, None) in found
    assert ("target", "other:科技型企业", "level", 4500.0, None, None) in found
    summary = facts("2023年工作总结。工程技术研究中心、企业技术中心分别达83家、34家。")
    assert not any(value == 34.0 for *_, value, _, _ in summary)


def test_a_notice_issuing_a_plan_is_the_plan() -> None:
    text = ("[索引号]|1150010700927688xm/2023-01698|\n[发布机构]|高新区改革发展局|\n"
            "各镇人民政府、街道办事处，管委会各部门、各直属企事业单位，有关单位：\n"
            "现将《重庆高新区融入成渝地区双城经济圈建设行动计划（2023—2027年）》印发给你们，请认真贯彻落实。\n"
            "到2027年，全区高新技术企业总量超过1000家。")
    assert extract_indicators(text).header.doc_types == ("plan",)
    assert ("target", "hte_total", "level", 1000.0, None, None) in facts(text)


def test_counts_of_tasks_undertaken_and_firms_entered_for_evaluation_are_no_figures() -> None:
    found = facts("2020年，全年市科技局承担源自中发37号文件等中央文件工作任务41项，组织参评国家科技型中小企业30家。"
                  "高企目标40家，完成45家。")
    assert not any(value in (41.0, 30.0) for *_, value, _, _ in found)
    assert ("target", "hte_total", "level", 40.0, None, None) in found


def test_a_class_of_cities_is_a_ranking_scope() -> None:
    found = facts("2019年，大连技术合同成交金额为200.95亿元，排名深圳市之后，位居计划单列市第二。")
    assert ("ranking", "tech_contract_value", "level", None, 2, "计划单列市") in found


def test_places_risen_are_no_people_and_stripped_years_still_start_a_span() -> None:
    found = facts("2023年，排名较上年提升1位，镇江在中国城市科技创新发展指数排名中上升9位，培训科技特派员246人次。"
                  "高新技术企业由年的18家增长到年的57家。")
    assert not any(value in (1.0, 9.0, 246.0, 18.0) for *_, value, _, _ in found)
    assert ("actual", "hte_total", "level", 57.0, None, None) in found
    risen = facts("2023年，吉林省创新能力排名较上年提升6位，上升位次居全国第1位。")
    assert any(r[0] == "ranking" and r[2] == "change" and r[4] == 1 for r in risen)


def test_what_a_work_meeting_asks_for_is_next_year_s_goals() -> None:
    text = ("邢台市科技工作会议召开\n2021-03-10 来源：邢台市科学技术局\n"
            "会议指出，2020年科技工作圆满完成任务。新增高新技术企业125家以上，总数达到450家。\n"
            "会议要求，要突出重点、狠抓关键。新增众创空间100家以上、科创综合体20家。\n")
    found = {(r.kind, r.metric, r.value, r.year) for r in extract_indicators(text).records}
    assert ("actual", "hte_total", 450.0, 2020) in found
    assert ("target", "incubators", 100.0, 2021) in found


def test_leads_over_several_areas_are_no_changes() -> None:
    found = facts("2021年，全县研发投入强度达到1.96%，分别高出省、市0.28和0.47个百分点。")
    assert found == {("actual", "rd_intensity", "level", 1.96, None, None)}


def test_a_headline_naming_a_county_by_two_characters_is_about_the_county() -> None:
    text = ("崇仁获评全省首批创新型县试点建设评价优\n\n"
            "近日，江西省推进创新型省份建设领导小组办公室公布了我省第一批省级创新型县试点建设工作综合评定结果，"
            "崇仁县人民政府评价结果为优秀。近年来，崇仁县委、县政府大力实施创新驱动发展战略，全县高新技术企业达到57家。")
    assert extract_indicators(text).header.level == "county"


def test_r_and_d_introduced_with_its_short_name_and_clauses_a_page_joined_with_spaces() -> None:
    found = facts("2023年海南研究与试验发展（以下简称R&D）经费投入再创新高，达89.8亿元，同比增长31.3%，"
                  "增速位列全国第一。")
    assert ("actual", "rd_expenditure", "level", 898000.0, None, None) in found
    assert ("ranking", "rd_expenditure", "yoy_growth", None, 1, "全国") in found
    joined = facts("2023年，副中心科技创新平台已达130余个 高新技术企业保有量首次突破1100家 "
                   "技术合同成交额494亿元，全市排名第五。")
    assert ("actual", "platforms", "level", 130.0, None, None) in joined
    assert ("ranking", "tech_contract_value", "level", None, 5, "全市") in joined


def test_a_task_quoted_before_its_completion_share() -> None:
    found = facts("2023年上半年，全县新增科技型中小企业25家，完成市上下达任务20家的125%。")
    assert ("target", "tsme_registered", "level", 20.0, None, None) in found
    assert ("actual", "tsme_registered", "completion", 125.0, None, None) in found


def test_counts_of_headings_and_programmes_are_no_figures() -> None:
    found = facts("2024年工作要点。在“基础设施建设、招商引资、科技创新、发展新质生产力”4个方面实现新突破，"
                  "大力实施五个倍增计划，新增高新技术企业25家。")
    assert found == {("target", "hte_new", "level", 25.0, None, None)}


def test_applicants_said_to_have_passed_are_new_firms() -> None:
    found = facts("2021年，已受理6家高新技术企业申请，第一批已通过2家。")
    assert ("actual", "hte_applied", "level", 6.0, None, None) in found
    assert ("actual", "hte_new", "level", 2.0, None, None) in found


def test_the_task_is_sets_a_goal_and_meeting_sessions_count_nothing() -> None:
    found = facts("2017年绩效工作总结。年度发明专利受理量。任务是60件，截至10月底，我县发明专利受理量为60件。")
    assert any(kind == "target" and value == 60.0 for kind, _, _, value, _, _ in found)
    speech = facts("2022年，今年的主要任务是：认真贯彻全国科技工作会议、自治区党委十一届四次全会精神，"
                   "新增高新技术企业100家。")
    assert not any(value in (4.0, 11.0) for *_, value, _, _ in speech)
