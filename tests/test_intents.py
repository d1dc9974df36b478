"""How questions phrased the way people ask them are read: one rule of bot/understand/intents.py
per test. The real questions in tests/data/real_questions*.yaml are the yardstick (see
scripts/eval_questions.py); these pin the rules behind them."""

from __future__ import annotations

import re

import yaml

from careerbot.bot.answer.reply import Reply
from careerbot.bot.engine import Bot
from careerbot.bot.understand.intents import _compile, _Hits, parse
from tests.conftest import DATA


def real_questions() -> list[dict[str, object]]:
    return [case for path in sorted(DATA.glob("real_questions*.yaml"))
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


def ids(reply: Reply) -> list[str]:
    return [r.id for r in reply.roles]


def test_a_field_names_its_role_in_a_career_question(bot: Bot) -> None:
    reply = bot.answer("is Scala worth it for data engineering?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_a_field_that_is_a_guess_says_so(bot: Bot) -> None:
    reply = bot.answer("how do I get into machine learning?")
    assert ids(reply) == ["ml-engineer"]
    assert any("ML scientists" in note for note in reply.notes)


def test_a_field_in_plain_chat_names_no_role(bot: Bot) -> None:
    assert bot.kb.matcher.match("our data engineering backlog is huge this sprint") == []


def test_a_tool_is_not_the_role_inside_its_name(bot: Bot) -> None:
    assert bot.kb.matcher.match("is Power BI worth learning?") == []


def test_a_background_with_a_target_is_a_transition_from_it(bot: Bot) -> None:
    reply = bot.answer("I'm a chemistry PhD, how do I get into data science?")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]
    assert reply.title == "From chemistry to Data Scientist"
    carried = next(s for s in reply.sections if s.heading == "What carries over")
    assert "Statistics" in carried.items


def test_a_background_alone_lists_where_people_go_from_it(bot: Bot) -> None:
    reply = bot.answer("15 years in IT support, where can I go from here?")
    assert reply.kind == "transition" and ids(reply) == []
    assert any("DevOps Engineer" in item for s in reply.sections for item in s.items)


def test_a_background_word_about_someone_else_is_no_background(bot: Bot) -> None:
    reply = bot.answer("my teacher says data analysts earn well")
    assert reply.kind == "salary"


def test_pay_words_ask_for_salary(bot: Bot) -> None:
    reply = bot.answer("what do MLEs make?")
    assert reply.kind == "salary" and ids(reply) == ["ml-engineer"]


def test_which_pays_more_is_a_pay_question_with_a_verdict(bot: Bot) -> None:
    reply = bot.answer("which pays more, DE or DS?")
    assert reply.kind == "salary" and ids(reply) == ["data-engineer", "data-scientist"]
    assert any("highest median" in item for s in reply.sections for item in s.items)


def test_money_in_a_question_is_about_pay_not_a_move(bot: Bot) -> None:
    assert bot.answer("from 70k to 95k as a data analyst, is that normal?").kind == "salary"


def test_typos_in_question_words_are_read(bot: Bot) -> None:
    assert bot.answer("salery of a data enginer").kind == "salary"


def test_a_typo_in_a_requirement_word_is_read(bot: Bot) -> None:
    reply = bot.answer("Is it necessory to get Master's degree to become a data scientist?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Education"]


def test_role_to_role_without_from_is_a_move(bot: Bot) -> None:
    reply = bot.answer("data analyst to data scientist")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst", "data-scientist"]


def test_an_arrow_is_a_move_too(bot: Bot) -> None:
    assert bot.answer("BI analyst -> analytics engineer").kind == "transition"


def test_job_inside_a_question_is_no_listing_request(bot: Bot) -> None:
    assert bot.answer("is a data scientist job stressful?").kind != "jobs"


def test_asking_for_openings_lists_jobs(bot: Bot) -> None:
    reply = bot.answer("who is hiring data engineers?")
    assert reply.kind == "jobs" and ids(reply) == ["data-engineer"]


def test_one_role_against_a_level_answers_pay_at_that_level(bot: Bot) -> None:
    reply = bot.answer("data engineer vs senior data engineer")
    assert reply.kind == "salary" and ids(reply) == ["data-engineer"]
    assert reply.sections[0].heading == "At senior level"


def test_seniority_in_a_title_points_to_lead_roles(bot: Bot) -> None:
    reply = bot.answer("senior data scientist salary")
    assert reply.kind == "salary"
    assert any(s.role_id == "lead-data-scientist" for s in reply.suggestions)


def test_a_degree_requirement_is_the_education_section(bot: Bot) -> None:
    reply = bot.answer("do I need a master's for data science?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Education"]


def test_which_role_suits_me_ranks_roles_with_reasons(bot: Bot) -> None:
    reply = bot.answer("I know SQL and Tableau and like working with stakeholders. "
                       "Which role suits me?")
    assert reply.kind == "recommend" and ids(reply) == []
    first = reply.sections[0]
    assert "Tableau" in " ".join(first.items)
    assert any(family in first.heading for family in ("Analyst", "BI", "Analytics"))


def test_two_roles_and_personal_details_rank_those_roles(bot: Bot) -> None:
    reply = bot.answer("analytics engineer or data engineer: I love building pipelines, "
                       "which fits me better?")
    assert reply.kind == "recommend"
    assert sorted(ids(reply)) == ["analytics-engineer", "data-engineer"]


def test_two_roles_as_a_bare_choice_are_compared(bot: Bot) -> None:
    assert bot.answer("data engineer or data scientist?").kind == "compare"


def test_should_i_between_two_roles_is_a_recommendation(bot: Bot) -> None:
    reply = bot.answer("should I become a data engineer or a data scientist?")
    assert reply.kind == "recommend"
    assert sorted(ids(reply)) == ["data-engineer", "data-scientist"]


def test_two_roles_offered_as_a_choice_are_a_recommendation_between_them(bot: Bot) -> None:
    reply = bot.answer("Data science or software development, what should I choose?")
    assert reply.kind == "recommend"
    assert sorted(ids(reply)) == ["data-scientist", "software-engineer"]


def test_a_choice_between_named_roles_says_what_sets_each_apart(bot: Bot) -> None:
    reply = bot.answer("data architect vs data engineer: which one to choose?")
    assert all(any(i.startswith("Pick it if") for i in s.items) for s in reply.sections)
    assert reply.suggestions[0].ask == "compare data-architect vs data-engineer"


def test_two_roles_against_each_other_without_a_choice_are_compared(bot: Bot) -> None:
    assert bot.answer("data architect vs data engineer in 2024").kind == "compare"


def test_ai_ml_names_both_the_ai_and_the_ml_engineer(bot: Bot) -> None:
    reply = bot.answer("how do I get an AI/ML job after my masters?")
    assert {"ai-engineer", "ml-engineer"} <= set(ids(reply))


def test_one_section_of_a_name_for_two_roles_is_that_section_for_both(bot: Bot) -> None:
    reply = bot.answer("what skills are essential for AI and machine learning?")
    assert reply.kind == "section"
    assert sorted(ids(reply)) == ["ai-engineer", "ml-engineer"]
    assert reply.comparison is not None
    assert [s.heading for s in reply.comparison.shared] == ["Skills both list"]


def test_a_tool_is_known_without_its_makers_name(bot: Bot) -> None:
    assert bot.kb.matcher.find("is Kafka required for data engineering?").tools == [
        "Apache Kafka"]


def test_a_tool_name_that_is_an_everyday_word_is_no_tool(bot: Bot) -> None:
    assert bot.kb.matcher.find("I like working with teams in the cloud").tools == []


def test_becoming_is_a_move_only_towards_a_role(bot: Bot) -> None:
    assert bot.answer("can non-IT students become data scientists?").kind == "transition"
    assert bot.answer("is data science becoming overcrowded?").kind == "section"


def test_a_question_about_a_section_without_a_role_answers_it(bot: Bot) -> None:
    reply = bot.answer("Should you go to a bootcamp?")
    assert reply.kind == "section" and "Education" in reply.title


def test_a_role_with_no_question_shape_gets_a_brief_answer(bot: Bot) -> None:
    reply = bot.answer("data engineer")
    assert reply.kind == "profile" and reply.sections == [] and reply.jobs == []
    assert reply.text.count("\n") <= 2
    assert {"Skills", "Tools", "Salary"} <= {s.label for s in reply.suggestions}


def test_what_does_a_role_do_is_its_profile(bot: Bot) -> None:
    reply = bot.answer("what exactly does an analytics engineer do?")
    assert reply.kind == "profile" and reply.sections


def test_tools_without_a_role_say_who_uses_them(bot: Bot) -> None:
    reply = bot.answer("should I learn Looker or Power BI?")
    assert reply.kind == "section" and ids(reply) == []
    assert "BI Analyst" in reply.sections[1].items


def test_a_background_after_as_a_counts(bot: Bot) -> None:
    """"as" is never read as the plural of "a" (which would hide the lead word)."""
    assert bot.kb.matcher.find("seeking help as a fresher in data science").backgrounds == [
        "new-grad"]


def test_a_degree_subject_after_with_a_bachelors_in_is_a_background(bot: Bot) -> None:
    reply = bot.answer("Is It Possible to Be a Data Scientist with a Bachelor's in Psychology?")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_a_city_names_its_country_for_pay(bot: Bot) -> None:
    reply = bot.answer("what do MLEs make in Amsterdam?")
    assert reply.kind == "salary" and "Netherlands" in reply.title


def test_a_move_from_two_roles_to_one_goes_to_the_one_named_after_to(bot: Bot) -> None:
    reply = bot.answer("why would you migrate from data analytics/science to data engineering?")
    assert reply.kind == "transition" and reply.title == "From Data Analyst to Data Engineer"
    assert ids(reply) == ["data-analyst", "data-scientist", "data-engineer"]
    assert "data-scientist to data-engineer" in [s.ask for s in reply.suggestions]


def test_where_a_role_works_is_its_industries(bot: Bot) -> None:
    reply = bot.answer("Where do machine learning engineers work?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Industries"]


def test_industries_asked_with_jobs_are_the_industries_not_listings(bot: Bot) -> None:
    reply = bot.answer("which industries have the most data science jobs?")
    assert reply.kind == "section" and ids(reply) == ["data-scientist"]


def test_a_role_in_a_named_industry_is_its_industries(bot: Bot) -> None:
    reply = bot.answer("what is it like to be a data scientist in healthcare?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Industries"]


def test_openings_in_a_named_industry_are_still_jobs(bot: Bot) -> None:
    reply = bot.answer("any data engineer jobs in finance?")
    assert reply.kind == "jobs" and ids(reply) == ["data-engineer"]


def test_a_question_mark_and_a_section_word_make_a_field_count(bot: Bot) -> None:
    reply = bot.answer("Is data science more math or coding?")
    assert reply.kind == "section" and ids(reply) == ["data-scientist"]


def test_how_to_become_is_a_move_though_it_names_requirements(bot: Bot) -> None:
    reply = bot.answer("How to become a data scientist if I lack the necessary skills")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_a_section_for_two_roles_joined_by_and_is_that_section(bot: Bot) -> None:
    reply = bot.answer("Which languages are suitable for web development and machine learning?")
    assert reply.kind == "section"
    assert sorted(ids(reply)) == ["frontend-developer", "ml-engineer"]


def test_a_topic_outside_the_knowledge_gets_the_help_saying_so(bot: Bot) -> None:
    reply = bot.answer("How do I negotiate a pay rise?")
    assert reply.kind == "help" and any("outside what I know" in n for n in reply.notes)


def test_what_a_role_does_and_earns_is_its_profile(bot: Bot) -> None:
    reply = bot.answer("What does a data scientist do, and how much do they earn?")
    assert reply.kind == "profile" and reply.sections
    assert any(s.heading == "Pay" for s in reply.sections)


def test_careers_in_a_field_list_the_roles(bot: Bot) -> None:
    assert bot.answer("What are the best careers in machine learning?").kind == "roles"


def test_careers_in_a_field_are_the_roles_around_its_role(bot: Bot) -> None:
    reply = bot.answer("what career paths are there in data science?")
    assert reply.kind == "roles" and ids(reply) == ["data-scientist"]
    listed = " ".join(reply.sections[0].items)
    assert "Data Analyst" in listed and "Lead Data Scientist" in listed


def test_the_roles_around_a_role_fit_one_screen(bot: Bot) -> None:
    from careerbot.adapters.textrender import fits_one_screen

    assert fits_one_screen(bot.answer("what career paths are there in data science?"))


def test_roles_with_no_field_are_all_roles(bot: Bot) -> None:
    reply = bot.answer("what roles are there?")
    assert reply.kind == "roles" and ids(reply) == [] and len(reply.sections) > 1


def test_a_move_into_a_role_as_another_starts_from_the_other(bot: Bot) -> None:
    reply = bot.answer("How to transition into machine learning as a software developer")
    assert reply.title == "From Software Engineer to Machine Learning Engineer"


def test_tools_as_a_choice_without_a_role_say_who_uses_them(bot: Bot) -> None:
    reply = bot.answer("Python or R - which one should you learn?")
    assert reply.kind == "section" and reply.title == "Who uses Python and R"


def test_ai_alone_names_the_ai_engineer(bot: Bot) -> None:
    reply = bot.answer("how do I break into AI?")
    assert reply.kind == "transition" and ids(reply) == ["ai-engineer"]


def test_ai_beside_another_role_is_not_a_second_role(bot: Bot) -> None:
    reply = bot.answer("will AI take over the data analyst job?")
    assert reply.kind == "section" and ids(reply) == ["data-analyst"]


def test_ai_set_against_another_role_counts(bot: Bot) -> None:
    reply = bot.answer("AI or data science, which should I pick?")
    assert sorted(ids(reply)) == ["ai-engineer", "data-scientist"]


def test_a_field_chosen_between_with_another_role_counts(bot: Bot) -> None:
    reply = bot.answer("torn between statistics and data science, which suits me?")
    assert sorted(ids(reply)) == ["data-scientist", "statistician"]


def test_a_developer_is_the_software_engineer_in_a_move(bot: Bot) -> None:
    reply = bot.answer("going from developer to data engineer, any advice?")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer", "data-engineer"]


def test_the_responsibilities_named_are_that_section(bot: Bot) -> None:
    reply = bot.answer("what are the main duties of an analytics engineer?")
    assert reply.kind == "section" and ids(reply) == ["analytics-engineer"]


def test_what_it_is_like_to_be_a_role_is_its_profile(bot: Bot) -> None:
    assert bot.answer("what is it like to be a data architect?").kind == "profile"


def test_two_roles_joined_as_a_move_are_no_choice(bot: Bot) -> None:
    reply = bot.answer("From data analyst to data engineer: the right path for me?")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst", "data-engineer"]


def test_career_paths_among_named_roles_is_a_choice(bot: Bot) -> None:
    reply = bot.answer("Career paths in data: data analyst, data engineer or data scientist?")
    assert reply.kind == "recommend" and len(ids(reply)) == 3


def test_interviews_for_a_role_get_the_skills_they_test(bot: Bot) -> None:
    reply = bot.answer("how should I prepare for data engineer interviews?")
    assert reply.title == "Data Engineer: skills" and any(
        "I don't coach interviews" in n for n in reply.notes)


def test_interviews_without_a_role_are_outside_the_knowledge(bot: Bot) -> None:
    reply = bot.answer("how should I prepare for interviews?")
    assert reply.kind == "help" and any("outside what I know" in n for n in reply.notes)


def test_a_sum_in_dollars_makes_two_roles_a_pay_question(bot: Bot) -> None:
    assert bot.answer("data analyst vs BI analyst: $20,000 apart?").kind == "salary"


def test_harder_than_compares_two_fields(bot: Bot) -> None:
    reply = bot.answer("Is deep learning harder than web development?")
    assert reply.kind == "compare"
    assert sorted(ids(reply)) == ["deep-learning-engineer", "frontend-developer"]


def test_who_is_actually_hiring_asks_for_openings(bot: Bot) -> None:
    assert bot.answer("who is actually hiring data engineers right now?").kind == "jobs"


def test_how_to_choose_between_two_roles_is_a_choice(bot: Bot) -> None:
    assert bot.answer("Data engineer vs analytics engineer: how to choose?").kind == "recommend"


def test_skipping_searches_by_first_word_never_changes_a_match(bot: Bot) -> None:
    vocab = bot.vocabulary
    patterns = [p for p in vars(vocab).values() if isinstance(p, re.Pattern)]
    patterns += [p for d in (vocab.sections, vocab.interests) for p in d.values()]
    for case in real_questions():
        text = " ".join(bot.kb.matcher.find(str(case["q"])).words)
        words = set(text.split())
        for pattern in patterns:
            assert vocab.search(pattern, text, words) == vocab.search(pattern, text), text


def test_the_per_message_search_agrees_with_the_vocabulary_search(bot: Bot) -> None:
    vocab = bot.vocabulary
    patterns = [p for p in vars(vocab).values() if isinstance(p, re.Pattern)]
    patterns += [p for d in (vocab.sections, vocab.interests) for p in d.values()]
    for case in real_questions():
        text = " ".join(bot.kb.matcher.find(str(case["q"])).words)
        hit = _Hits(text, vocab)
        assert [hit(p) for p in patterns] == [vocab.search(p, text) for p in patterns], text


def test_skipping_all_sections_or_levels_at_once_never_changes_a_match(bot: Bot) -> None:
    vocab = bot.vocabulary
    for case in real_questions():
        text = " ".join(bot.kb.matcher.find(str(case["q"])).words)
        assert vocab.sections_in(text) == [k for k, p in vocab.sections.items()
                                           if vocab.search(p, text)], text
        assert vocab.level(text) == next((lv for lv, p in vocab.levels if vocab.search(p, text)),
                                         None), text


def test_becoming_a_role_without_a_degree_asks_about_its_education(bot: Bot) -> None:
    reply = bot.answer("can I become a data engineer without a degree?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_a_requirement_for_two_roles_joined_by_and_is_that_section(bot: Bot) -> None:
    reply = bot.answer("What skills are required to become a data analyst and a BI analyst?")
    assert reply.kind == "section" and sorted(ids(reply)) == ["bi-analyst", "data-analyst"]


def test_what_a_role_is_with_many_sections_named_is_its_profile(bot: Bot) -> None:
    reply = bot.answer("What is an analytics engineer: duties, skills, education and tools")
    assert reply.kind == "profile"


def test_what_two_tools_are_is_no_career_question(bot: Bot) -> None:
    assert bot.answer("what is the difference between Airflow and dbt?").kind != "section"


def test_two_tools_set_against_each_other_are_no_career_question(bot: Bot) -> None:
    reply = bot.answer("Airflow vs dbt")
    assert reply.kind == "help" and "Apache Airflow and dbt are tools" in reply.text


def test_the_help_for_tools_offers_who_uses_them(bot: Bot) -> None:
    offer = bot.answer("Airflow vs dbt").suggestions[0]
    assert bot.answer(offer.ask).title == "Who uses Apache Airflow and dbt"


def test_a_question_about_how_a_tool_is_used_is_no_career_question(bot: Bot) -> None:
    assert bot.answer("Ask HN: How do you test SQL?").kind == "help"


def test_a_tool_asked_about_with_a_career_word_says_who_uses_it(bot: Bot) -> None:
    assert bot.answer("Is SAS worth learning?").kind == "section"


def test_a_section_word_without_a_role_or_career_word_is_no_career_question(bot: Bot) -> None:
    assert bot.answer("what's your favourite learning method?").kind != "section"


def test_ai_going_to_replace_a_role_is_about_that_role(bot: Bot) -> None:
    reply = bot.answer("Is AI going to replace data engineers?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_two_fields_joined_by_a_slash_get_the_section_for_both(bot: Bot) -> None:
    reply = bot.answer("Is data analytics/data engineering a dying field?")
    assert reply.kind == "section" and sorted(ids(reply)) == ["data-analyst", "data-engineer"]


def test_an_abbreviation_with_dots_is_one_word(bot: Bot) -> None:
    reply = bot.answer("How do I get into data engineering after my Ph.D.?")
    assert reply.kind == "transition" and "phd" in bot.kb.matcher.find("my Ph.D.").backgrounds


def test_statistics_needed_for_a_role_is_a_skill_of_it(bot: Bot) -> None:
    reply = bot.answer("how much statistics do I need for data engineering?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_a_section_for_two_roles_joined_by_or_is_that_section(bot: Bot) -> None:
    reply = bot.answer("Is SQL plus Tableau a good stack for a BI analyst or a data analyst?")
    assert reply.kind == "section" and sorted(ids(reply)) == ["bi-analyst", "data-analyst"]


def test_a_job_offer_is_outside_the_knowledge(bot: Bot) -> None:
    assert bot.answer("should I accept a data analyst job offer from a startup?").kind == "help"


def test_help_deciding_between_two_roles_is_a_choice(bot: Bot) -> None:
    assert bot.answer("need help deciding: analytics engineer vs BI developer").kind == "recommend"


def test_engg_is_engineering(bot: Bot) -> None:
    assert ids(bot.answer("how to get into data engg?")) == ["data-engineer"]


def test_shaping_a_job_towards_a_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("How can I steer my analyst job towards machine learning engineering?")
    assert reply.kind == "transition"


def test_something_required_of_a_role_without_a_section_asks_its_skills(bot: Bot) -> None:
    reply = bot.answer("is Terraform a prerequisite for MLOps engineers?")
    assert reply.kind == "section" and ids(reply) == ["mlops-engineer"]


def test_one_course_or_bootcamp_is_outside_the_knowledge(bot: Bot) -> None:
    assert bot.answer("is this bootcamp worth it to become a data analyst?").kind == "help"


def test_bootcamps_in_general_are_about_education(bot: Bot) -> None:
    reply = bot.answer("are bootcamps worth it for data analysts?")
    assert reply.kind == "section" and ids(reply) == ["data-analyst"]


def test_a_prerequisite_for_entering_a_field_asks_its_skills(bot: Bot) -> None:
    reply = bot.answer("Is linear algebra a prerequisite to get into machine learning?")
    assert reply.kind == "section" and ids(reply) == ["ml-engineer"]


def test_resources_for_learning_a_field_ask_about_its_education(bot: Bot) -> None:
    reply = bot.answer("best resources for learning analytics engineering?")
    assert reply.kind == "section" and ids(reply) == ["analytics-engineer"]


def test_whether_a_role_codes_asks_its_skills(bot: Bot) -> None:
    reply = bot.answer("do BI analysts write code?")
    assert reply.kind == "section" and ids(reply) == ["bi-analyst"]


def test_pay_at_a_big_tech_company_is_pay_at_large_companies(bot: Bot) -> None:
    intent = parse("what do ML engineers earn at Microsoft?", bot.kb.matcher, bot.vocabulary)
    assert intent.kind == "salary" and intent.company_size == "large"


def test_a_move_into_a_name_of_two_roles_keeps_both(bot: Bot) -> None:
    reply = bot.answer("frontend developer moving into AI/ML, where do I start?")
    assert ids(reply)[0] == "frontend-developer"
    assert set(ids(reply)) == {"frontend-developer", "ai-engineer", "ml-engineer"}


def test_a_request_for_openings_reads_fields_too(bot: Bot) -> None:
    reply = bot.answer("any openings in machine learning?")
    assert reply.kind == "jobs" and ids(reply) == ["ml-engineer"]


def test_asking_for_advice_names_no_requirement(bot: Bot) -> None:
    reply = bot.answer("I want to break into analytics engineering, need advice")
    assert reply.kind == "transition" and ids(reply) == ["analytics-engineer"]


def test_full_time_asks_for_no_full_answer(bot: Bot) -> None:
    intent = parse("do data analysts mostly work full-time?", bot.kb.matcher, bot.vocabulary)
    assert intent.full is False


def test_how_a_field_evolves_asks_its_outlook(bot: Bot) -> None:
    reply = bot.answer("how will data analytics evolve over the next decade?")
    assert (reply.kind, ids(reply)) == ("section", ["data-analyst"])
    assert reply.title.endswith("outlook")


def test_how_similar_two_roles_are_compares_them(bot: Bot) -> None:
    reply = bot.answer("how similar is analytics engineering to data engineering?")
    assert reply.kind == "compare"


def test_jobs_that_use_a_skill_ask_which_roles_exist(bot: Bot) -> None:
    assert bot.answer("what jobs use Python?").kind == "roles"


def test_an_online_assessment_is_outside_the_knowledge(bot: Bot) -> None:
    assert bot.answer("any tips for the online assessment for a data analyst role?").kind == "help"


def test_changing_careers_is_a_move(bot: Bot) -> None:
    reply = bot.answer("thinking about changing my career, maybe to data science")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_two_employers_against_each_other_are_outside_the_knowledge(bot: Bot) -> None:
    reply = bot.answer("Google or Spotify for a junior data analyst?")
    assert reply.kind == "help" and "employers" in " ".join(reply.notes + [reply.text])


def test_pay_at_two_employers_is_still_a_pay_question(bot: Bot) -> None:
    assert bot.answer("do data scientists earn more at Google or Meta?").kind == "salary"


def test_a_short_title_ending_in_to_a_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("Quality engineer to DA")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst"]


def test_what_happened_to_a_role_is_no_move(bot: Bot) -> None:
    assert bot.answer("what happened to data science").kind != "transition"


def test_choosing_without_roles_named_asks_for_a_recommendation(bot: Bot) -> None:
    assert bot.answer("IC or manager track: how to choose?").kind == "recommend"


def test_mistakes_ask_for_tips(bot: Bot) -> None:
    reply = bot.answer("what mistakes do new data analysts make?")
    assert reply.kind == "section" and reply.title.endswith("tips for getting started")


def test_the_roles_in_a_team_ask_which_roles_exist(bot: Bot) -> None:
    assert bot.answer("what are the main roles in a data team?").kind == "roles"


def test_an_interview_round_is_outside_the_knowledge(bot: Bot) -> None:
    assert bot.answer("weird final round with a bank for a data analyst role").kind == "help"


def test_learning_to_code_alone_is_about_software_engineering(bot: Bot) -> None:
    reply = bot.answer("is learning to code still worth it?")
    assert ids(reply) == ["software-engineer"]


def test_my_move_into_one_of_two_roles_asks_which(bot: Bot) -> None:
    reply = bot.answer("I want to get into data science or ML, no idea where to start")
    assert reply.kind == "recommend" and set(ids(reply)) == {"data-scientist", "ml-engineer"}


def test_a_role_before_a_slash_keeps_its_own_name(bot: Bot) -> None:
    reply = bot.answer("career in AI/ML or data scientist?")
    assert set(ids(reply)) == {"ai-engineer", "ml-engineer", "data-scientist"}


def test_a_question_naming_two_fields_is_a_career_question(bot: Bot) -> None:
    reply = bot.answer("is analytics engineering just data engineering with dbt?")
    assert set(ids(reply)) == {"analytics-engineer", "data-engineer"}


def test_communities_are_outside_the_knowledge(bot: Bot) -> None:
    reply = bot.answer("best online communities for data engineers?")
    assert reply.kind == "help" and "communities" in " ".join(reply.notes + [reply.text])


def test_a_field_naming_a_thing_is_no_third_role(bot: Bot) -> None:
    reply = bot.answer("MLE vs data engineer: who deploys the data science models?")
    assert set(ids(reply)) == {"ml-engineer", "data-engineer"}


def test_a_field_studied_is_no_role_beside_the_roles_weighed(bot: Bot) -> None:
    reply = bot.answer("graduate in data science here, data analyst or data engineer?")
    assert set(ids(reply)) == {"data-analyst", "data-engineer"}


def test_two_fields_studied_at_once_are_both_the_question(bot: Bot) -> None:
    reply = bot.answer("is a masters in data science/engineering worth it?")
    assert set(ids(reply)) == {"data-scientist", "data-engineer"}


def test_a_short_title_starting_role_to_is_a_move_from_it(bot: Bot) -> None:
    reply = bot.answer("BI analyst to something more technical")
    assert reply.kind == "transition" and ids(reply) == ["bi-analyst"]


def test_a_short_move_title_may_end_in_guide_or_advice(bot: Bot) -> None:
    reply = bot.answer("Help desk to data analyst roadmap")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst"]


def test_moving_without_a_background_is_no_requirement(bot: Bot) -> None:
    assert bot.answer("getting into data analysis without a maths background").kind == "transition"


def test_a_decision_between_two_roles_asks_which(bot: Bot) -> None:
    assert bot.answer("big decision - data analyst or BI developer").kind == "recommend"


def test_a_section_with_a_comparison_of_other_things_is_that_section(bot: Bot) -> None:
    reply = bot.answer("which domain should a data analyst pick, finance vs healthcare?")
    assert reply.kind == "section" and ids(reply) == ["data-analyst"]


def test_how_to_with_a_section_word_reads_fields_too(bot: Bot) -> None:
    reply = bot.answer("how to build deep learning skills")
    assert reply.kind == "section" and ids(reply) == ["deep-learning-engineer"]


def test_pm_and_ae_name_their_roles_beside_a_career_word(bot: Bot) -> None:
    assert bot.kb.matcher.match("moving from AE to a PM role") == ["analytics-engineer",
                                                                   "product-manager"]
    assert bot.kb.matcher.match("the meeting is at 3 PM") == []


def test_a_place_in_a_long_question_without_pay_words_is_no_pay_question(bot: Bot) -> None:
    reply = bot.answer("as a data analyst in Germany, what does your day to day look like?")
    assert reply.kind != "salary"


def test_a_paid_course_is_no_pay_question(bot: Bot) -> None:
    assert bot.answer("is a paid course worth it for data analysts?").kind != "salary"


def test_a_red_flag_in_job_hunting_is_outside_the_knowledge(bot: Bot) -> None:
    assert bot.answer("is a two year gap a red flag?").kind == "help"


def test_where_a_field_is_going_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("Where is data engineering going?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_getting_into_programming_is_a_move_into_software_engineering(bot: Bot) -> None:
    reply = bot.answer("how do I get into programming?")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer"]


def test_what_a_role_should_know_asks_for_its_skills(bot: Bot) -> None:
    assert bot.answer("What should a data engineer know?").title == "Data Engineer: skills"


def test_succeeding_in_a_role_asks_for_its_tips(bot: Bot) -> None:
    reply = bot.answer("tips for succeeding as a data analyst")
    assert reply.kind == "section" and "tips" in reply.title


def test_what_to_expect_in_a_field_asks_for_its_duties(bot: Bot) -> None:
    reply = bot.answer("Data analytics in a bank, what to expect?")
    assert reply.kind == "section" and "responsibilities" in reply.title


def test_a_cv_is_a_resume_unless_set_against_a_role(bot: Bot) -> None:
    assert ids(bot.answer("what are the must-have projects on a CV?")) == []


def test_cv_set_against_a_role_is_computer_vision(bot: Bot) -> None:
    assert ids(bot.answer("CV or NLP?")) == ["computer-vision-engineer", "nlp-engineer"]


def test_computer_vision_written_out_is_a_field(bot: Bot) -> None:
    assert ids(bot.answer("how do I get into computer vision?")) == ["computer-vision-engineer"]


def test_what_it_takes_to_be_a_role_is_how_to_get_in(bot: Bot) -> None:
    reply = bot.answer("what does it take to be an NLP engineer?")
    assert reply.kind == "transition" and ids(reply) == ["nlp-engineer"]


def test_landing_a_role_is_how_to_get_in(bot: Bot) -> None:
    assert bot.answer("how do I land a data analyst role at a bank?").kind == "transition"


def test_which_job_to_target_with_no_role_asks_for_a_recommendation(bot: Bot) -> None:
    assert bot.answer("not sure which job to target").kind == "recommend"


def test_jobs_inside_another_question_ask_for_no_listing(bot: Bot) -> None:
    reply = bot.answer("do jobs in data science come with a lot of overtime?")
    assert reply.kind != "jobs" and ids(reply) == ["data-scientist"]


def test_jobs_in_a_place_ask_for_listings(bot: Bot) -> None:
    assert bot.answer("data engineer jobs in Berlin").kind == "jobs"


def test_earning_a_degree_is_not_pay(bot: Bot) -> None:
    assert bot.answer("is it worth it to earn a degree in data science?").kind != "salary"


def test_asking_about_raises_is_outside_what_careerbot_knows(bot: Bot) -> None:
    assert bot.answer("would it be greedy to ask about raises?").kind == "help"


def test_lucrative_asks_about_pay(bot: Bot) -> None:
    assert bot.answer("is a quant career really lucrative?").kind == "salary"


def test_becoming_a_thing_is_no_move(bot: Bot) -> None:
    assert bot.answer("when did analytics engineering become a thing?").kind != "transition"


def test_what_to_do_to_get_into_a_role_is_a_move(bot: Bot) -> None:
    assert bot.answer("what do I need to do to get into data engineering?").kind == "transition"


def test_into_the_world_of_a_field_is_a_move_into_it(bot: Bot) -> None:
    reply = bot.answer("could my next job take me into the world of data science?")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_a_move_into_a_junior_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("thoughts on diving into entry level data engineering?")
    assert reply.kind == "transition" and ids(reply) == ["data-engineer"]


def test_what_steps_to_take_for_a_role_is_a_move(bot: Bot) -> None:
    assert bot.answer("what steps should a graduate take for a job in data science?").kind == (
        "transition")


def test_getting_in_without_some_experience_is_a_move(bot: Bot) -> None:
    reply = bot.answer("is it possible to become an analytics engineer without orchestration "
                       "tools experience?")
    assert reply.kind == "transition" and ids(reply) == ["analytics-engineer"]


def test_who_is_a_role_asks_for_its_profile(bot: Bot) -> None:
    assert bot.answer("who is a chief data officer?").kind == "profile"


def test_a_degree_worth_the_money_is_about_the_degree(bot: Bot) -> None:
    reply = bot.answer("is a PhD in machine learning worth it with a high salary job?")
    assert reply.kind == "section" and "education" in reply.title


def test_a_role_worth_the_money_is_still_pay(bot: Bot) -> None:
    assert bot.answer("is data science worth it for the salary?").kind == "salary"


def test_a_field_a_role_does_is_work_not_a_second_role(bot: Bot) -> None:
    assert ids(bot.answer("do data engineers do machine learning as well?")) == ["data-engineer"]


def test_a_field_set_against_a_role_is_still_a_role(bot: Bot) -> None:
    assert ids(bot.answer("data engineering or machine learning?")) == [
        "data-engineer", "ml-engineer"]


def test_the_right_role_for_you_asks_for_a_recommendation(bot: Bot) -> None:
    assert bot.answer("is data analysis the right role for me?").kind == "recommend"


def test_ai_as_the_technology_names_no_ai_engineer(bot: Bot) -> None:
    assert ids(bot.answer("is my job going to be replaced by AI?")) == []


def test_ai_as_a_career_names_the_ai_engineer(bot: Bot) -> None:
    assert ids(bot.answer("how do I get into AI?")) == ["ai-engineer"]


def test_shedding_light_on_a_role_asks_for_its_profile(bot: Bot) -> None:
    assert bot.answer("can you shed some light on the decision scientist role?").kind == "profile"


def test_what_a_role_does_at_a_company_is_its_profile(bot: Bot) -> None:
    assert bot.answer("what AI engineers do in big companies?").kind == "profile"


def test_which_fields_of_study_lead_to_a_role_is_its_education(bot: Bot) -> None:
    reply = bot.answer("what fields of study can lead to a career in data engineering?")
    assert reply.kind == "section" and "education" in reply.title


def test_is_a_field_worth_learning_asks_about_the_field(bot: Bot) -> None:
    reply = bot.answer("is it really worth learning ML?")
    assert reply.kind == "section" and ids(reply) == ["ml-engineer"]


def test_what_to_major_in_for_a_career_is_its_education(bot: Bot) -> None:
    reply = bot.answer("for a career in data science, should you major in CS or statistics?")
    assert reply.kind == "section" and "education" in reply.title


def test_who_are_a_role_asks_for_its_profile(bot: Bot) -> None:
    assert bot.answer("who are AI architects?").kind == "profile"


def test_explaining_a_gap_is_no_profile_question(bot: Bot) -> None:
    assert bot.answer("how should data scientists explain a career break?").kind != "profile"


def test_visas_and_relocation_are_outside_what_careerbot_knows(bot: Bot) -> None:
    assert bot.answer("how do I get a job on OPT?").kind == "help"
    assert bot.answer("is it easy to relocate abroad for work?").kind == "help"


def test_a_choice_between_tools_asks_for_no_role(bot: Bot) -> None:
    assert bot.answer("Python vs Scala: which one to choose for Apache Spark?").kind != "recommend"


def test_how_to_be_a_role_is_how_to_get_in(bot: Bot) -> None:
    assert bot.answer("how to be a data analyst?").kind == "transition"


def test_should_i_get_a_masters_for_a_role_is_its_education(bot: Bot) -> None:
    reply = bot.answer("should I get a masters in CS? will it help me become a data engineer?")
    assert reply.kind == "section" and "education" in reply.title


def test_a_question_about_a_role_we_cannot_place_gets_its_definition(bot: Bot) -> None:
    reply = bot.answer("is everyone an AI engineer now?")
    assert reply.kind == "section" and reply.title.endswith("definition")
    assert reply.text.count("\n") <= 2


def test_a_field_said_to_the_bot_with_no_question_gets_its_roles_definition(bot: Bot) -> None:
    reply = bot.answer("the next 50 years of data science")
    assert reply.kind == "section" and ids(reply) == ["data-scientist"]
    assert reply.title.endswith("definition")


def test_ai_as_the_technology_names_no_role_with_no_question_either(bot: Bot) -> None:
    assert ids(bot.answer("tools you made since the advent of AI")) == []


def test_learning_a_field_said_with_no_question_is_how_to_get_in(bot: Bot) -> None:
    reply = bot.answer("learn data science in 2026")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_ai_right_before_what_it_makes_is_the_technology(bot: Bot) -> None:
    assert ids(bot.answer("what skills do I need when AI assistants write the code?")) == []


def test_complete_describing_a_guide_asks_for_no_full_answer(bot: Bot) -> None:
    from careerbot.adapters.textrender import fits_one_screen

    assert fits_one_screen(bot.answer("a complete guide to the data engineer role"))


def test_everything_said_in_passing_asks_for_no_full_answer(bot: Bot) -> None:
    from careerbot.adapters.textrender import fits_one_screen

    assert fits_one_screen(bot.answer("is everything you know about data engineering wrong?"))


def test_diving_into_a_field_is_a_move(bot: Bot) -> None:
    reply = bot.answer("should a backend developer dive into data engineering?")
    assert reply.kind == "transition" and ids(reply)[-1] == "data-engineer"


def test_a_deep_dive_is_no_move(bot: Bot) -> None:
    assert bot.answer("how do statisticians differ? a deep dive into the world of data").kind != (
        "transition")


def test_what_in_the_world_is_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("What the hell is a quant?")
    assert reply.kind == "profile" and ids(reply) == ["quantitative-analyst"]


def test_a_product_engineer_is_a_software_engineer_not_a_slip_for_production(bot: Bot) -> None:
    reply = bot.answer("Product engineer vs product manager")
    assert reply.kind == "compare" and ids(reply) == ["software-engineer", "product-manager"]


def test_analyst_alone_is_read_as_the_data_analyst_saying_so(bot: Bot) -> None:
    reply = bot.answer("What is an analyst's role?")
    assert ids(reply) == ["data-analyst"] and any("business and BI" in n for n in reply.notes)


def test_learning_how_to_code_is_the_software_engineers_field(bot: Bot) -> None:
    reply = bot.answer("Is It Too Late to Learn How to Code?")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer"]


def test_the_requirements_to_get_into_a_role_are_what_it_requires(bot: Bot) -> None:
    reply = bot.answer("What are the requirements to become a computer vision engineer?")
    assert reply.kind == "section" and ids(reply) == ["computer-vision-engineer"]


def test_wtf_is_a_field_asks_for_its_role_profile(bot: Bot) -> None:
    reply = bot.answer("Wtf is data governance")
    assert reply.kind == "profile" and ids(reply) == ["data-governance-manager"]


def test_what_makes_a_good_role_asks_for_its_skills_not_pay(bot: Bot) -> None:
    reply = bot.answer("What makes a good analytics engineer?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Skills"]


def test_getting_rich_in_a_role_is_its_pay(bot: Bot) -> None:
    reply = bot.answer("How to get rich as a Data Scientist")
    assert reply.kind == "salary" and ids(reply) == ["data-scientist"]


def test_a_difference_in_requirements_between_two_roles_compares_them(bot: Bot) -> None:
    reply = bot.answer("Focusing on requirements, is there a difference between DevOps and SRE?")
    assert reply.kind == "compare"
    assert ids(reply) == ["devops-engineer", "site-reliability-engineer"]


def test_getting_started_in_a_field_is_a_move_into_its_role(bot: Bot) -> None:
    reply = bot.answer("So, how does an entry-level engineer get started in Data Engineering?")
    assert reply.kind == "transition" and ids(reply) == ["data-engineer"]


def test_whether_a_field_is_for_you_asks_which_role_suits_you(bot: Bot) -> None:
    reply = bot.answer("How to know if data engineering is for you")
    assert reply.kind == "recommend"


def test_whether_a_degree_is_right_for_you_asks_about_that_degree(bot: Bot) -> None:
    reply = bot.answer("Is a master's in data science right for me?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Education"]


def test_career_paths_in_a_field_named_alone_list_the_roles_around_it(bot: Bot) -> None:
    reply = bot.answer("AI career paths")
    assert reply.kind == "roles" and ids(reply) == ["ai-engineer"]


def test_making_more_than_another_role_is_a_pay_question(bot: Bot) -> None:
    reply = bot.answer("Does a business analyst make more than a data analyst?")
    assert reply.kind == "salary"


def test_the_future_of_jobs_in_a_field_asks_for_its_outlook_not_openings(bot: Bot) -> None:
    reply = bot.answer("What is the future of machine learning jobs in 2026?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Outlook"]


def test_what_a_role_does_in_a_statement_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("Curious what a data architect does day to day")
    assert reply.kind == "profile" and ids(reply) == ["data-architect"]


def test_how_long_it_takes_to_be_a_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("How long does it take to be an analytics engineer?")
    assert reply.kind == "transition" and ids(reply) == ["analytics-engineer"]


def test_what_a_role_is_about_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("I wonder what being a data architect is about")
    assert reply.kind == "profile" and ids(reply) == ["data-architect"]


def test_choosing_your_career_between_two_roles_weighs_them_for_you(bot: Bot) -> None:
    reply = bot.answer("Choose your path: data engineering or analytics engineering?")
    assert reply.kind == "recommend"


def test_pay_listed_among_aspects_of_two_roles_compares_them(bot: Bot) -> None:
    reply = bot.answer("Data engineer vs analytics engineer: duties, skills, tools, and pay")
    assert reply.kind == "compare"


def test_pay_asked_of_two_roles_before_a_list_of_employers_stays_pay(bot: Bot) -> None:
    reply = bot.answer("Median salary of a data engineer versus an ML engineer at Google, Meta, or Apple?")
    assert reply.kind == "salary"


def test_a_level_before_engineer_alone_is_the_software_engineer(bot: Bot) -> None:
    reply = bot.answer("What skills do I need to become a staff engineer?")
    assert ids(reply) == ["software-engineer"]


def test_a_title_listing_several_sections_of_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("Analytics Engineer: Duties, Skills, Tools and Tips")
    assert reply.kind == "profile" and ids(reply) == ["analytics-engineer"]


def test_whether_to_do_a_degree_for_a_role_is_its_education_not_a_background(bot: Bot) -> None:
    reply = bot.answer("Should I do a PhD in physics for a career in data engineering?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Education"]


def test_what_a_career_in_a_field_is_like_asks_for_its_profile_not_a_move(bot: Bot) -> None:
    reply = bot.answer("What's a career in data engineering like?")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_a_field_named_alone_gets_its_roles_short_profile(bot: Bot) -> None:
    reply = bot.answer("Data engineering")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_whether_a_role_is_worth_becoming_asks_for_its_outlook_not_a_move(bot: Bot) -> None:
    reply = bot.answer("Is it still worth becoming an analytics engineer?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Outlook"]


def test_which_major_to_pick_for_a_role_asks_for_its_education(bot: Bot) -> None:
    reply = bot.answer("What major should I pick to become a data engineer?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Education"]


def test_software_in_a_title_asks_for_no_tools(bot: Bot) -> None:
    reply = bot.answer("What does a software solutions architect do?")
    assert reply.kind == "profile" and ids(reply) == ["solutions-architect"]


def test_any_opening_asks_for_openings(bot: Bot) -> None:
    reply = bot.answer("Is there any opening for a data engineer?")
    assert reply.kind == "jobs" and ids(reply) == ["data-engineer"]


def test_a_role_or_a_title_not_known_compares_the_role(bot: Bot) -> None:
    reply = bot.answer("QA engineer intern or data engineering intern?")
    assert reply.kind == "compare" and ids(reply) == ["data-engineer"]


def test_how_you_became_a_role_is_a_move_into_it(bot: Bot) -> None:
    reply = bot.answer("Curious how you became a data architect")
    assert reply.kind == "transition" and ids(reply) == ["data-architect"]


def test_business_analytics_is_the_business_analysts_field(bot: Bot) -> None:
    reply = bot.answer("What is business analytics?")
    assert ids(reply) == ["business-analyst"]


def test_skills_asked_of_top_paying_jobs_are_the_question_not_pay(bot: Bot) -> None:
    reply = bot.answer("What skills are required for the top-paying data engineer jobs?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Skills"]


def test_how_a_field_differs_from_another_compares_both(bot: Bot) -> None:
    reply = bot.answer("How does data engineering differ from data science?")
    assert reply.kind == "compare" and ids(reply) == ["data-engineer", "data-scientist"]


def test_what_sorts_of_a_role_there_are_lists_the_roles_around_it(bot: Bot) -> None:
    reply = bot.answer("What sorts of quants are there?")
    assert reply.kind == "roles" and ids(reply) == ["quantitative-analyst"]


def test_a_roles_career_trajectory_is_its_outlook(bot: Bot) -> None:
    reply = bot.answer("What is the career trajectory of a data engineer like?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Outlook"]


def test_what_a_role_is_and_how_to_become_one_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("What is an analytics engineer and how to become one")
    assert reply.kind == "profile" and ids(reply) == ["analytics-engineer"]


def test_time_and_money_spent_on_a_role_is_no_pay_question(bot: Bot) -> None:
    reply = bot.answer("Is MLOps worth investing your time and money in?")
    assert reply.kind == "section" and "Outlook" in [s.heading for s in reply.sections]


def test_a_field_moved_to_is_the_moves_goal_though_work_follows(bot: Bot) -> None:
    reply = bot.answer("could a frontend developer switch to AI work?")
    assert reply.kind == "transition" and ids(reply) == ["frontend-developer", "ai-engineer"]


def test_skipping_one_role_to_go_straight_to_another_is_a_move(bot: Bot) -> None:
    reply = bot.answer("should I skip data analysis and go straight to data engineering?")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst", "data-engineer"]


def test_my_skills_for_a_leap_into_one_name_of_two_roles_is_a_move(bot: Bot) -> None:
    reply = bot.answer("with my skills in statistics, how do I make the leap into AI/ML?")
    assert reply.kind == "transition" and ids(reply) == ["ai-engineer", "ml-engineer"]


def test_a_move_into_two_roles_named_at_once_moves_from_neither(bot: Bot) -> None:
    reply = bot.answer("how do I get into ML/AI?")
    assert reply.title.startswith("How to become") and "From" not in reply.title


def test_a_move_into_two_roles_named_at_once_offers_the_second_as_a_follow_up(bot: Bot) -> None:
    reply = bot.answer("how do I get into AI/ML?")
    assert reply.suggestions[0].label == "How to become a Machine Learning Engineer"


def test_a_background_moving_into_two_roles_named_at_once_starts_from_the_background(
        bot: Bot) -> None:
    reply = bot.answer("I'm a chemist, how can I break into AI/ML?")
    assert reply.title == "From chemistry to AI Engineer"


def test_about_a_role_and_nothing_else_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("About the junior BI analyst role")
    assert reply.kind == "profile" and ids(reply) == ["bi-analyst"]


def test_who_is_called_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("who is called a decision scientist?")
    assert reply.kind == "profile" and ids(reply) == ["decision-scientist"]


def test_what_are_a_fields_jobs_asks_for_the_roles_in_it(bot: Bot) -> None:
    reply = bot.answer("What are computer vision jobs?")
    assert reply.kind == "roles" and ids(reply) == ["computer-vision-engineer"]


def test_what_a_fields_jobs_are_like_asks_what_the_work_is(bot: Bot) -> None:
    reply = bot.answer("what are data engineering jobs like?")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_whether_a_career_in_a_field_is_right_for_you_weighs_it_for_you(bot: Bot) -> None:
    reply = bot.answer("is a career in data engineering right for me?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_certs_ask_about_education(bot: Bot) -> None:
    reply = bot.answer("best certs for a BI analyst?")
    assert reply.kind == "section" and reply.sections[0].heading == "Education"


def test_a_role_set_by_vs_against_an_unknown_title_is_compared_though_career_paths_are_named(
        bot: Bot) -> None:
    reply = bot.answer("Test engineer vs. data engineer: differences and career paths")
    assert reply.kind == "compare" and ids(reply) == ["data-engineer"]


def test_whos_who_asks_for_the_roles(bot: Bot) -> None:
    assert bot.answer("Who's who in a data team?").kind == "roles"


def test_whether_a_role_would_suit_you_weighs_it_for_you(bot: Bot) -> None:
    reply = bot.answer("how can you tell if being a data engineer would suit you?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_a_first_job_as_a_role_is_a_move_into_it(bot: Bot) -> None:
    reply = bot.answer("landing your first job as a data analyst")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst"]


def test_what_makes_a_role_different_asks_no_pay(bot: Bot) -> None:
    assert bot.answer("What makes an analytics engineer different?").kind != "salary"


def test_how_hard_it_is_to_get_a_job_as_a_role_asks_about_its_outlook(bot: Bot) -> None:
    reply = bot.answer("why is it so hard to get a job as a data analyst these days?")
    assert reply.kind == "section" and reply.sections[0].heading == "Outlook"


def test_what_a_role_does_with_requirements_in_a_list_of_aspects_is_its_profile(bot: Bot) -> None:
    reply = bot.answer("What Does a Data Architect Do: Duties, Requirements, and Salary")
    assert reply.kind == "profile" and ids(reply) == ["data-architect"]


def test_should_i_get_into_a_field_weighs_it_for_the_asker(bot: Bot) -> None:
    reply = bot.answer("Should I get into data engineering?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_what_you_can_do_with_a_degree_asks_for_the_roles(bot: Bot) -> None:
    assert bot.answer("What can you do with a math degree?").kind == "roles"


def test_two_names_of_one_role_asked_as_the_same_thing_are_compared(bot: Bot) -> None:
    reply = bot.answer("Database administrator and SQL developer, are they the same thing?")
    assert reply.kind == "compare" and ids(reply) == ["database-developer"]


def test_whether_it_is_a_good_time_to_become_a_role_asks_about_its_outlook(bot: Bot) -> None:
    reply = bot.answer("Is it a good time to become a data engineer?")
    assert reply.kind == "section" and reply.sections[0].heading == "Outlook"


def test_a_degree_in_one_of_two_fields_asks_about_the_education_of_both(bot: Bot) -> None:
    reply = bot.answer("Should I do a master's in data engineering or data science?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer", "data-scientist"]
    assert reply.comparison is not None
    assert [row.heading for row in reply.comparison.rows] == ["Education"]


def test_a_phd_in_ai_or_ml_names_both_fields(bot: Bot) -> None:
    assert ids(bot.answer("should I pursue a PhD in AI or machine learning?")) == [
        "ai-engineer", "ml-engineer"]


def test_jobs_available_for_a_background_asks_for_the_roles(bot: Bot) -> None:
    assert bot.answer("What jobs are available for chemistry majors?").kind == "roles"


def test_what_to_learn_to_get_an_internship_asks_for_skills_not_openings(bot: Bot) -> None:
    reply = bot.answer("What should I learn to get an internship in data engineering?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_career_advice_between_two_roles_is_a_choice(bot: Bot) -> None:
    reply = bot.answer("Career advice: data analyst or data engineer?")
    assert reply.kind == "recommend" and ids(reply) == ["data-analyst", "data-engineer"]


def test_ai_that_claims_victims_is_no_ai_engineer(bot: Bot) -> None:
    assert ids(bot.answer("Analysts: the next victims of AI?")) == ["data-analyst"]


def test_roles_available_for_a_background_are_listed(bot: Bot) -> None:
    assert bot.answer("What roles are available for physicists?").kind == "roles"


def test_whether_one_role_will_replace_another_is_the_outlook_of_both(bot: Bot) -> None:
    reply = bot.answer("Will analytics engineers replace data analysts?")
    assert reply.kind == "section" and ids(reply) == ["analytics-engineer", "data-analyst"]


def test_a_role_becoming_too_much_like_another_is_a_comparison(bot: Bot) -> None:
    assert bot.answer("Are BI analyst roles becoming too much like data engineering?").kind == (
        "compare")


def test_which_certification_to_get_into_a_role_asks_about_education(bot: Bot) -> None:
    reply = bot.answer("Which cloud certification should I get to move into data engineering?")
    assert reply.kind == "section" and reply.sections[0].heading == "Education"


def test_a_move_into_two_fields_joined_by_and_moves_from_neither(bot: Bot) -> None:
    reply = bot.answer("how do I get into AI and data science?")
    assert reply.kind == "transition" and ids(reply) == ["ai-engineer", "data-scientist"]
    assert reply.title == "How to become an AI Engineer"


def test_a_learning_path_into_a_field_is_a_move(bot: Bot) -> None:
    reply = bot.answer("a good learning path for analytics engineering?")
    assert reply.kind == "transition" and ids(reply) == ["analytics-engineer"]


def test_where_the_internships_are_asks_for_openings(bot: Bot) -> None:
    assert bot.answer("where are the remote data science internships?").kind == "jobs"


def test_a_list_of_positions_asks_for_openings(bot: Bot) -> None:
    reply = bot.answer("is there a list of data engineering positions?")
    assert reply.kind == "jobs" and ids(reply) == ["data-engineer"]


def test_which_jobs_of_a_field_are_in_demand_asks_for_its_roles(bot: Bot) -> None:
    reply = bot.answer("Which data jobs are in the highest demand in Germany?")
    assert reply.kind == "roles"


def test_whether_a_fields_jobs_are_in_demand_asks_about_its_outlook(bot: Bot) -> None:
    reply = bot.answer("are data engineering jobs in demand?")
    assert reply.kind == "section" and reply.sections[0].heading == "Outlook"


def test_where_to_find_internships_asks_for_openings(bot: Bot) -> None:
    reply = bot.answer("where can I find data analyst internships?")
    assert reply.kind == "jobs" and ids(reply) == ["data-analyst"]


def test_the_most_popular_jobs_in_a_country_are_roles_not_openings(bot: Bot) -> None:
    assert bot.answer("what are the most popular AI jobs in Canada?").kind == "roles"


def test_a_move_with_no_role_background_or_career_word_is_not_understood(bot: Bot) -> None:
    # "getting into data and AI" would answer a question about visas
    assert bot.answer("how do I get hired in Canada?").kind in {"help", "suggest"}


def test_a_move_into_a_career_with_no_role_named_still_gets_started(bot: Bot) -> None:
    assert bot.answer("how do I start a new career at 40?").kind == "transition"


def test_leaving_academia_is_the_asker_background(bot: Bot) -> None:
    reply = bot.answer("is it hard to leave academia at 35?")
    assert reply.kind == "transition" and "PhD" in reply.title


def test_a_tool_in_a_job_title_asks_nothing_about_tools(bot: Bot) -> None:
    reply = bot.answer("what does a Snowflake data engineer do all day?")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_what_one_can_become_in_a_field_asks_for_its_roles(bot: Bot) -> None:
    assert bot.answer("who can you become in data?").kind == "roles"


def test_skills_that_carry_over_to_a_field_are_a_move(bot: Bot) -> None:
    reply = bot.answer("will my current skills carry over to the analytics field?")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst"]


def test_starting_programming_late_is_a_move_into_software(bot: Bot) -> None:
    reply = bot.answer("am I too old to start programming at 45?")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer"]


def test_the_different_areas_of_a_field_are_its_roles(bot: Bot) -> None:
    reply = bot.answer("what are the different areas in data science a chemist could work in?")
    assert reply.kind == "roles" and ids(reply) == ["data-scientist"]


def test_what_it_takes_to_be_a_great_one_asks_for_skills(bot: Bot) -> None:
    reply = bot.answer("what does it take to be a good data engineer?")
    assert reply.kind == "section" and reply.sections[0].heading == "Skills"


def test_knowledge_of_a_field_is_a_skill_of_the_role_named(bot: Bot) -> None:
    reply = bot.answer("is machine learning knowledge essential for a data engineer?")
    assert reply.kind == "section" and ids(reply) == ["data-engineer"]


def test_which_roles_are_open_in_a_field_lists_them(bot: Bot) -> None:
    reply = bot.answer("what roles are up for grabs in machine learning?")
    assert reply.kind == "roles" and ids(reply) == ["ml-engineer"]


def test_understanding_what_a_role_does_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("I need help understanding what data architects do")
    assert reply.kind == "profile" and ids(reply) == ["data-architect"]


def test_which_roles_of_a_field_are_easiest_lists_roles(bot: Bot) -> None:
    assert bot.answer("which data roles are the easiest to get?").kind == "roles"


def test_carrier_paths_is_read_as_career_paths(bot: Bot) -> None:
    assert bot.answer("what carrier paths are there in data?").kind == "roles"


def test_starting_coding_late_is_a_move_into_software(bot: Bot) -> None:
    reply = bot.answer("too late to start coding at 30?")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer"]


def test_a_move_from_one_role_to_several_offered_by_or(bot: Bot) -> None:
    reply = bot.answer("has anyone moved from data analyst to DE or ML engineer?")
    assert reply.kind == "transition" and ids(reply)[0] == "data-analyst"
    assert "data-analyst to ml-engineer" in [s.ask for s in reply.suggestions]


def test_a_background_after_doing_it_is_the_askers(bot: Bot) -> None:
    reply = bot.answer("how to get a quant job after doing a PhD in physics?")
    assert reply.kind == "transition" and "physics" in reply.title.lower()


def test_how_interns_are_compensated_asks_about_pay(bot: Bot) -> None:
    assert bot.answer("how are data science interns compensated?").kind == "salary"


def test_an_internship_stipend_is_pay(bot: Bot) -> None:
    assert bot.answer("what is a normal stipend for an ML internship?").kind == "salary"


def test_help_me_find_a_job_asks_for_openings(bot: Bot) -> None:
    assert bot.answer("help me find a job in data engineering").kind == "jobs"


def test_what_a_degree_prepares_you_for_asks_for_roles(bot: Bot) -> None:
    assert bot.answer("what does a statistics degree prepare you for?").kind == "roles"


def test_what_a_role_did_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("so what did a BI analyst actually do?")
    assert reply.kind == "profile" and ids(reply) == ["bi-analyst"]


def _phrase_lists(value: object) -> list[list[str]]:
    """Every list of phrases in the intent vocabulary, however deep it is nested."""
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return [value] if value else []
    items = value.values() if isinstance(value, dict) else value if isinstance(value, list) else []
    return [found for item in items for found in _phrase_lists(item)]


def test_the_phrase_tree_finds_what_a_list_sorted_longest_first_finds(bot: Bot) -> None:
    # Each list of phrases is compiled as a tree of shared leading words (for speed). It must
    # find the same text, at the same place and of the same length (what not_meant blanks out),
    # as the plain alternation of the phrases between "\b"s, longest first (the article "a" read
    # as "a" or "an" in both; the tree starts with "(?<!\w)", the same before a word).
    lists = _phrase_lists(bot.kb.intents.model_dump())
    texts = [" ".join(bot.kb.matcher.find(str(case["q"])).words) for case in real_questions()]
    for phrases in lists:
        tree = _compile(phrases)
        flat = re.compile(r"\b(?:" + "|".join(
            " ".join("an?" if w == "a" else re.escape(w) for w in p.lower().split())
            .replace(r" \.\.\. ", r"(?: \w+){0,6} ")
            for p in sorted(phrases, key=len, reverse=True)) + r")\b")
        for text in texts:
            assert ([m.span() for m in tree.finditer(text)]
                    == [m.span() for m in flat.finditer(text)]), (phrases[:3], text)


def test_asking_whether_a_role_is_a_real_career_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("is prompt engineering a real career?")
    assert reply.kind == "section" and reply.title == "Prompt Engineer: outlook"


def test_comp_as_the_start_of_a_subject_is_no_pay_question(bot: Bot) -> None:
    # "comp" is pay in "total comp", a subject in "comp ling", "comp bio", "comp sci"
    assert bot.answer("is comp bio a good field for a data scientist?").kind != "salary"


def test_earning_a_certification_is_no_pay_question(bot: Bot) -> None:
    reply = bot.answer("do data engineers gain from earning certifications?")
    assert reply.kind != "salary" and ids(reply) == ["data-engineer"]


def test_a_degree_the_asker_needs_to_get_is_a_requirement_not_their_background(bot: Bot) -> None:
    reply = bot.answer("so I need to get a PhD in data science now?")
    assert reply.kind == "section" and reply.title == "Data Scientist: education"


def test_everything_you_need_to_know_asks_for_no_skills(bot: Bot) -> None:
    # (a headline's "everything you need to know", not what the role needs you to know)
    reply = bot.answer("Want to become a data engineer? Everything you need to know")
    assert reply.kind == "transition" and ids(reply) == ["data-engineer"]


def test_a_move_from_a_background_to_roles_offered_by_or_goes_to_each(bot: Bot) -> None:
    reply = bot.answer("can someone move from a non-technical background to a career in data "
                       "analytics or data engineering?")
    assert reply.kind == "transition" and reply.title == "How to become a Data Analyst"
    assert "How to become a Data Engineer" in [s.label for s in reply.suggestions]


def test_an_educational_background_for_a_role_asks_for_its_education(bot: Bot) -> None:
    reply = bot.answer("What is the ideal educational background for a data scientist?")
    assert reply.kind == "section" and reply.title == "Data Scientist: education"


def test_can_a_role_be_another_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("can a data analyst be a data engineer?")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst", "data-engineer"]


def test_can_a_role_be_something_that_is_no_role_is_no_move(bot: Bot) -> None:
    assert bot.answer("can a data scientist be a good manager?").kind != "transition"


def test_whos_hiring_with_an_apostrophe_asks_for_openings(bot: Bot) -> None:
    # ("who's" loses its "'s" as a possessive does: "who hiring")
    assert bot.answer("Who’s hiring prompt engineers?").kind == "jobs"


def test_whether_learning_a_field_is_worthwhile_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("is it still worthwhile to learn data engineering?")
    assert reply.kind == "section" and "outlook" in reply.title and ids(reply) == ["data-engineer"]


def test_webdev_is_web_development(bot: Bot) -> None:
    assert ids(bot.answer("is webdev saturated?")) == ["frontend-developer"]


def test_a_level_inside_a_title_we_do_not_know_asks_no_pay(bot: Bot) -> None:
    # "chief" is the executive level, but here it starts the other title: the titles compared
    reply = bot.answer("chief data officer vs chief technology officer?")
    assert reply.kind == "compare" and ids(reply)[0] == "chief-data-officer"


def test_day_rates_are_pay(bot: Bot) -> None:
    assert bot.answer("what are typical day rates for a freelance data engineer?").kind == "salary"


def test_placement_rates_are_no_pay(bot: Bot) -> None:
    assert bot.answer("what are the placement rates of data science bootcamps?").kind != "salary"


def test_how_would_you_define_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("how would you define a data engineer?")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_the_role_of_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("what's the role of a data steward?")
    assert reply.kind == "profile" and ids(reply) == ["data-governance-manager"]


def test_who_makes_more_asks_about_pay(bot: Bot) -> None:
    reply = bot.answer("who makes more, a data engineer or a data scientist?")
    assert reply.kind == "salary" and ids(reply) == ["data-engineer", "data-scientist"]


def test_whether_a_career_in_a_field_is_worth_it_weighs_it(bot: Bot) -> None:
    reply = bot.answer("is it still worth building a career in data engineering?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_self_teaching_for_a_role_is_a_move(bot: Bot) -> None:
    reply = bot.answer("Can you self-teach for a data engineer career?")
    assert reply.kind == "transition" and ids(reply) == ["data-engineer"]


def test_a_background_word_that_starts_an_unknown_title_is_no_background(bot: Bot) -> None:
    # ("sales" alone is where someone comes from; "a sales engineer" is a title)
    reply = bot.answer("how does a solutions architect differ from a sales engineer?")
    assert reply.kind == "compare" and ids(reply)[0] == "solutions-architect"


def test_the_article_an_reads_as_a_in_every_phrase(bot: Bot) -> None:
    # (the vocabulary lists "what a"; "what's an AI engineer?" asks the same)
    reply = bot.answer("What's an AI engineer?")
    assert reply.kind == "profile" and ids(reply) == ["ai-engineer"]


def test_am_i_asks_for_a_fit_only_before_a_title(bot: Bot) -> None:
    assert bot.answer("Am I falling behind as a data engineer?").kind == "section"


def test_am_i_a_role_still_asks_which_role_fits(bot: Bot) -> None:
    reply = bot.answer("am I a fit for data engineering?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_what_positions_a_degree_leads_to_asks_for_roles(bot: Bot) -> None:
    reply = bot.answer("What positions can I pursue with a data science degree?")
    assert reply.kind == "roles"


def test_relevant_alone_asks_for_no_outlook(bot: Bot) -> None:
    # ("is DS still relevant?" weighs the field; "any relevant advice?" asks nothing of it)
    assert bot.answer("Can you suggest some options, or share any relevant advice?").kind != "section"


def test_staying_relevant_in_a_field_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("will data engineering stay relevant?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_better_to_become_one_role_or_another_asks_which_fits(bot: Bot) -> None:
    reply = bot.answer("is it better to become a data analyst or a data engineer?")
    assert reply.kind == "recommend" and ids(reply) == ["data-analyst", "data-engineer"]


def test_pay_in_lakhs_per_annum_is_pay(bot: Bot) -> None:
    # (Indian pay is said in lakhs per annum, "LPA", or as CTC)
    reply = bot.answer("Is 18 LPA good for a data engineer with 5 years of experience?")
    assert reply.kind == "salary" and ids(reply) == ["data-engineer"]


def test_where_to_get_jobs_asks_for_openings(bot: Bot) -> None:
    assert bot.answer("Where to get jobs?").kind == "jobs"


def test_roles_losing_their_jobs_asks_for_their_outlook(bot: Bot) -> None:
    reply = bot.answer("Will data analysts and data engineers lose their jobs because of AI?")
    assert reply.kind == "section" and ids(reply) == ["data-analyst", "data-engineer"]


def test_why_become_a_role_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("Why become a data engineer?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_which_career_roles_can_i_pursue_asks_for_roles(bot: Bot) -> None:
    assert bot.answer("What career roles can I pursue after a statistics degree?").kind == "roles"


def test_can_a_background_work_as_a_role_is_a_move_from_it(bot: Bot) -> None:
    # (not what the role requires: "with no prior experience" is where the asker starts)
    reply = bot.answer("can a chemist with no prior experience work as a data analyst after college?")
    assert reply.kind == "transition" and ids(reply) == ["data-analyst"]


def test_the_next_trends_in_a_field_are_its_outlook(bot: Bot) -> None:
    reply = bot.answer("What are the next trends in data engineering?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_a_role_disappearing_is_its_outlook(bot: Bot) -> None:
    # (not its profile, though "what are DBAs left to do?" reads like one)
    reply = bot.answer("If the BI analyst job is disappearing, what are BI analysts left to do?")
    assert reply.kind == "section" and reply.title == "BI Analyst: outlook"


def test_a_recession_hitting_a_fields_jobs_is_its_outlook_not_openings(bot: Bot) -> None:
    reply = bot.answer("Will a recession affect data engineering jobs next year?")
    assert reply.kind == "section" and reply.title == "Data Engineer: outlook"


def test_how_to_build_a_career_in_a_field_is_a_move(bot: Bot) -> None:
    reply = bot.answer("So, how to build a data science career?")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist"]


def test_ai_that_can_do_work_is_the_technology_not_the_role(bot: Bot) -> None:
    # ("AI can write code" is the technology; the question weighs learning to code)
    reply = bot.answer("Is learning to code pointless now that AI can write code?")
    assert ids(reply) == ["software-engineer"]


def test_migrating_to_a_country_is_outside_what_careerbot_knows(bot: Bot) -> None:
    # (relocation, like visas: no role named, so no move into data and AI)
    reply = bot.answer("Is leaving our jobs and migrating to Canada worth it?")
    assert reply.kind == "help"


def test_the_different_types_of_a_role_asks_for_the_roles_around_it(bot: Bot) -> None:
    reply = bot.answer("What are the different types of data analysts?")
    assert reply.kind == "roles" and ids(reply) == ["data-analyst"]


def test_who_hires_a_role_asks_for_openings(bot: Bot) -> None:
    # ("which industries hire DEs?" still asks for the industries section)
    reply = bot.answer("Who hires data engineering interns?")
    assert reply.kind == "jobs" and ids(reply) == ["data-engineer"]


def test_choosing_between_a_role_and_something_we_do_not_know_weighs_the_role(bot: Bot) -> None:
    # (we cannot rank UX design, but can say whether data engineering suits the asker)
    reply = bot.answer("Should I learn data engineering or UX design?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_choosing_between_something_and_a_role_by_between_and_weighs_the_role(bot: Bot) -> None:
    reply = bot.answer("What should you choose between project management and data engineering?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_which_is_best_a_field_we_do_not_know_or_a_role_offers_a_comparison(bot: Bot) -> None:
    reply = bot.answer("Which is best: cybersecurity or data analytics?")
    assert reply.kind == "compare" and ids(reply) == ["data-analyst"]


def test_a_choice_with_an_option_we_know_no_role_for_says_so(bot: Bot) -> None:
    reply = bot.answer("Should I learn data engineering or UX design?")
    assert any("only one of those options" in note for note in reply.notes)


def test_a_degree_in_statistics_is_the_statisticians_field(bot: Bot) -> None:
    reply = bot.answer("Is a degree in statistics still worth it?")
    assert reply.kind == "section" and ids(reply) == ["statistician"]


def test_what_a_role_does_in_industry_asks_for_its_profile_not_industries(bot: Bot) -> None:
    # ("in industry" is work outside academia, not a question about which industries)
    reply = bot.answer("What does a research scientist do in industry?")
    assert reply.kind == "profile" and ids(reply) == ["research-scientist"]


def test_what_companies_are_hiring_asks_for_openings(bot: Bot) -> None:
    assert bot.answer("What companies are hiring data analysts?").kind == "jobs"


def test_what_in_the_world_are_a_field_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("But what in the world are data sciences?")
    assert reply.kind == "profile" and ids(reply) == ["data-scientist"]


def test_which_jobs_rely_on_a_skill_asks_for_roles(bot: Bot) -> None:
    assert bot.answer("What jobs rely heavily on statistics?").kind == "roles"


def test_an_industry_in_a_title_asks_no_industries(bot: Bot) -> None:
    # ("a data scientist in healthcare" still asks for the industries section)
    reply = bot.answer("What exactly does a fintech data engineer do?")
    assert reply.kind == "profile" and ids(reply) == ["data-engineer"]


def test_which_path_to_pick_is_a_choice_not_a_path_to_a_role(bot: Bot) -> None:
    reply = bot.answer("Which path to pick: data engineer or data analyst?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer", "data-analyst"]


def test_whether_two_titles_are_synonymous_compares_them(bot: Bot) -> None:
    reply = bot.answer("Has the data scientist replaced the statistician, or are the titles synonymous?")
    assert reply.kind == "compare" and ids(reply) == ["data-scientist", "statistician"]


def test_whether_a_career_is_for_you_weighs_it_for_the_asker(bot: Bot) -> None:
    reply = bot.answer("Is a data engineering career for you?")
    assert reply.kind == "recommend" and ids(reply) == ["data-engineer"]


def test_what_an_abbreviation_stands_for_asks_for_the_profile(bot: Bot) -> None:
    reply = bot.answer("What does SRE stand for?")
    assert reply.kind == "profile" and ids(reply) == ["site-reliability-engineer"]


def test_what_it_means_to_a_role_is_no_profile_question(bot: Bot) -> None:
    # (the news's meaning for the role, not what the role is)
    assert bot.answer("AI agents are everywhere. What does it mean to a data engineer?").kind != "profile"


def test_who_is_a_title_without_an_article_asks_for_the_profile(bot: Bot) -> None:
    reply = bot.answer("Who is Chief Data Officer?")
    assert reply.kind == "profile" and ids(reply) == ["chief-data-officer"]


def test_ai_taking_jobs_is_the_technology_not_the_ai_engineer(bot: Bot) -> None:
    assert ids(bot.answer("Is AI taking our jobs?")) == []


def test_types_of_careers_in_a_field_asks_for_roles(bot: Bot) -> None:
    assert bot.answer("What types of careers are available in computational linguistics?").kind == "roles"


def test_searching_for_jobs_asks_for_openings(bot: Bot) -> None:
    reply = bot.answer("How do I search for computer vision jobs?")
    assert reply.kind == "jobs" and ids(reply) == ["computer-vision-engineer"]


def test_how_can_i_choose_between_two_roles_asks_which_fits(bot: Bot) -> None:
    reply = bot.answer("SDE or DS, How Can I Choose?")
    assert reply.kind == "recommend" and ids(reply) == ["software-engineer", "data-scientist"]


def test_ba_set_against_a_role_is_the_business_analyst(bot: Bot) -> None:
    reply = bot.answer("BA vs DA")
    assert reply.kind == "compare" and ids(reply) == ["business-analyst", "data-analyst"]


def test_a_ba_degree_is_no_business_analyst(bot: Bot) -> None:
    reply = bot.answer("I have a BA in economics, how do I become a data analyst?")
    assert "business-analyst" not in ids(reply)


def test_why_companies_need_a_role_asks_for_its_profile(bot: Bot) -> None:
    reply = bot.answer("Why do companies need a Data Analyst?")
    assert reply.kind == "profile" and ids(reply) == ["data-analyst"]


def test_why_a_role_is_important_asks_no_requirement(bot: Bot) -> None:
    reply = bot.answer("What is Quant and Why is it Important?")
    assert reply.kind == "profile" and ids(reply) == ["quantitative-analyst"]


def test_or_tools_in_a_list_is_no_tool(bot: Bot) -> None:
    found = bot.kb.matcher.find("Which projects, skills, or tools would make me stand out?")
    assert found.tools == []


def test_aspects_listed_for_the_askers_own_case_ask_for_those_sections(bot: Bot) -> None:
    # (a title listing aspects of a role is its profile; asked for oneself, the sections)
    reply = bot.answer("Are there particular projects, skills, or tools that would make me "
                       "stand out as a CV engineer?")
    assert reply.kind == "section" and ids(reply) == ["computer-vision-engineer"]


def test_a_section_for_careers_in_two_fields_asks_that_section_of_each(bot: Bot) -> None:
    reply = bot.answer("What Degrees Are Suitable for Careers in Data Science and AI/ML?")
    assert reply.kind == "section" and ids(reply)[:1] == ["data-scientist"]


def test_two_tools_set_against_each_other_for_a_career_ask_for_its_tools(bot: Bot) -> None:
    reply = bot.answer("Python or R for a career in data science?")
    assert reply.kind == "section" and ids(reply) == ["data-scientist"]


def test_eligibility_for_a_role_asks_what_it_requires(bot: Bot) -> None:
    reply = bot.answer("What is the eligibility for a data science course after graduation?")
    assert reply.kind == "section" and ids(reply) == ["data-scientist"]


def test_developing_as_a_role_is_a_move_into_it(bot: Bot) -> None:
    reply = bot.answer("I am a developer and would like to develop as a DevOps Engineer")
    assert reply.kind == "transition" and ids(reply) == ["software-engineer", "devops-engineer"]


def test_pay_asked_about_with_no_role_is_a_pay_question(bot: Bot) -> None:
    assert bot.answer("How much are you making?").kind == "salary"


def test_amounts_with_no_role_are_a_pay_question(bot: Bot) -> None:
    assert bot.answer("What separates £60K candidates from £150K+ candidates?").kind == "salary"


def test_making_much_less_than_another_role_is_a_pay_question(bot: Bot) -> None:
    reply = bot.answer("Why do front-end developers make significantly less than backend engineers?")
    assert reply.kind == "salary" and ids(reply) == ["frontend-developer", "backend-engineer"]


def test_why_start_a_career_in_a_role_asks_for_its_outlook(bot: Bot) -> None:
    reply = bot.answer("So why would you start a career in database administration?")
    assert reply.kind == "section" and [s.heading for s in reply.sections] == ["Outlook"]


def test_why_a_role_exists_asks_for_its_profile(bot: Bot) -> None:
    assert bot.answer("Why Does Data Engineering Exist").kind == "profile"


def test_what_news_means_for_the_reader_is_no_profile_question(bot: Bot) -> None:
    reply = bot.answer("Is data scientist still the sexiest job and what that means for you")
    assert reply.kind != "profile"


def test_a_role_that_becomes_another_is_a_move(bot: Bot) -> None:
    reply = bot.answer("Why a Data Scientist Becomes a Product Manager")
    assert reply.kind == "transition" and ids(reply) == ["data-scientist", "product-manager"]


def test_roles_i_should_aim_for_asks_which_fits(bot: Bot) -> None:
    reply = bot.answer("what kind of roles I should aim for (research engineer? applied scientist?)")
    assert reply.kind == "recommend" and ids(reply) == ["research-engineer", "applied-scientist"]


def test_ai_coming_for_two_roles_jobs_asks_for_their_outlook(bot: Bot) -> None:
    reply = bot.answer("Is AI coming for DevOps / Platform engineers' jobs?")
    assert reply.kind == "section" and ids(reply) == ["devops-engineer", "site-reliability-engineer"]


def test_differences_between_two_roles_named_as_roles_compare_them(bot: Bot) -> None:
    reply = bot.answer("What are the main differences between MLOps Engineer and ML Engineer "
                       "roles in the ML adoption life cycle?")
    assert reply.kind == "compare" and ids(reply) == ["mlops-engineer", "ml-engineer"]


def test_a_masters_in_statistics_alone_names_the_statistician(bot: Bot) -> None:
    assert ids(bot.answer("Is a Masters in Statistics Worth It?")) == ["statistician"]


def test_a_masters_in_statistics_for_another_role_is_that_roles_degree(bot: Bot) -> None:
    reply = bot.answer("Do you need a Master's in Statistics to work in Data Science?")
    assert ids(reply) == ["data-scientist"]
