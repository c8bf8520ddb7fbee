//! The Chicago table: every kind of source the center cites, Chinese and English,
//! with the reference-list entry and the in-text citation CMOS 18 (chapter 13,
//! author-date) gives for it, written from the rules. Each is checked in the plan
//! (with its italics), in the EPUB's XHTML and in the PDF's text.

mod common;

use std::collections::BTreeMap;

use ccp_press::cite::Run;
use ccp_press::load_and_check;
use ccp_press::pipeline::Edition;
use ccp_press::plan::{Anchor, Part};
use ccp_press::render::epub::xhtml::{Files, Writer};
use ccp_press::render::pdf::Paper;

/// Key, reference-list entry (`*…*` is italic) and the citation of the work in
/// `glossary/sources.md`, in reference-list order.
const TABLE: &[(&str, &str, &str)] = &[
    (
        "ccp-2016-outline",
        "CCP Central Committee 中共中央 and State Council 国务院. 2016. *Guojia Chuangxin Qudong Fazhan Zhanlüe Gangyao* 国家创新驱动发展战略纲要 [Outline of the national innovation-driven development strategy]. Xinhua She 新华社, May 19, 2016. https://example.org/gov/2016-05-19.",
        "(CCP Central Committee and State Council 2016)",
    ),
    (
        "literature-office-2017",
        "CCP Central Party Literature Research Office 中共中央文献研究室, ed. 2017. *Xi Jinping Guanyu Shehuizhuyi Jingji Jianshe Lunshu Zhaibian* 习近平关于社会主义经济建设论述摘编 [Excerpts from Xi Jinping’s statements on socialist economic construction]. Zhongyang Wenxian Chubanshe 中央文献出版社.",
        "(CCP Central Party Literature Research Office 2017)",
    ),
    (
        "chen-2019",
        "Chen, Li, Yan Gao, Bo Hu, et al. 2019. “Measuring Policy Attention in Provincial Work Reports.” *Journal of Chinese Governance* 4 (2): 101–8.",
        "(Chen et al. 2019)",
    ),
    (
        "chinafile-nd",
        "ChinaFile. n.d. “Document 9: A ChinaFile Translation.” Accessed March 2, 2024. https://example.org/document-9.",
        "(ChinaFile n.d.)",
    ),
    (
        "economy-2018",
        "Economy, Elizabeth C. 2018. *The Third Revolution: Xi Jinping and the New Chinese State*. Oxford University Press.",
        "(Economy 2018, 45)",
    ),
    (
        "heilmann-2008",
        "Heilmann, Sebastian. 2008. “Policy Experimentation in China’s Economic Rise.” *Studies in Comparative International Development* 43 (1): 1–26. https://doi.org/10.1007/s12116-007-9014-4.",
        "(Heilmann 2008)",
    ),
    (
        "heilmann-perry-2011",
        "Heilmann, Sebastian, and Elizabeth J. Perry, eds. 2011. *Mao’s Invisible Hand: The Political Foundations of Adaptive Governance in China*. Harvard University Asia Center.",
        "(Heilmann and Perry 2011)",
    ),
    (
        "holbig-2009",
        "Holbig, Heike. 2009. “Remaking the CCP’s Ideology: Determinants, Progress, and Limits under Hu Jintao.” *Journal of Current Chinese Affairs* 38 (3): 35–61.",
        "(Holbig 2009)",
    ),
    (
        "huang-cortese-2023",
        "Huang Ruihan and AJ Cortese. 2023. “Nanometers over GDP: Can Technocrat Leaders Improve China’s Industrial Policy?” MacroPolo, May 23, 2023. https://example.org/nanometers-over-gdp.",
        "(Huang and Cortese 2023)",
    ),
    (
        "jiang-1999",
        "Jiang Zemin 江泽民. 1999. “Zai Quanguo Jishu Chuangxin Dahui Shang de Jianghua” 在全国技术创新大会上的讲话 [Speech at the National Technology Innovation Conference]. Speech, Beijing, August 23, 1999.",
        "(Jiang 1999)",
    ),
    (
        "jin-2018",
        "Jin Bei 金碚. 2018. “Guanyu ‘Gao Zhiliang Fazhan’ de Jingjixue Yanjiu” 关于“高质量发展”的经济学研究 [An economic study of “high-quality development”]. *Zhongguo Gongye Jingji* 中国工业经济 [China industrial economics], no. 4: 5–18.",
        "(Jin 2018, 7)",
    ),
    (
        "liu-2014",
        "Liu Cixin 刘慈欣. 2014. *The Three-Body Problem*. Translated by Ken Liu. Tor Books.",
        "(Liu Cixin 2014)",
    ),
    (
        "liu-2010",
        "Liu Mingfu 刘明福. 2010. *Zhongguo Meng: Hou Meiguo Shidai de Daguo Siwei yu Zhanlüe Dingwei* 中国梦：后美国时代的大国思维与战略定位 [The China dream: Great-power thinking and strategic positioning in the post-American era]. Zhongguo Youyi Chuban Gongsi 中国友谊出版公司.",
        "(Liu Mingfu 2010)",
    ),
    (
        "mao-1943",
        "Mao Zedong 毛泽东. (1943) 1991. “Guanyu Lingdao Fangfa de Ruogan Wenti” 关于领导方法的若干问题 [Some questions concerning methods of leadership]. In *Mao Zedong Xuanji* 毛泽东选集 [Selected works of Mao Zedong], 2nd ed., vol. 3, 897–902. Renmin Chubanshe 人民出版社.",
        "(Mao [1943] 1991, 899)",
    ),
    (
        "ndrc-2015",
        "National Development and Reform Commission, Ministry of Foreign Affairs, and Ministry of Commerce. 2015. *Vision and Actions on Jointly Building Silk Road Economic Belt and 21st-Century Maritime Silk Road*. Foreign Languages Press.",
        "(National Development and Reform Commission et al. 2015)",
    ),
    (
        "naughton-2017",
        "Naughton, Barry. 2017. “Is China Socialist?” *Journal of Economic Perspectives* 31 (1): 3–24.",
        "(Naughton 2017)",
    ),
    (
        "naughton-2023",
        "Naughton, Barry, Xiao Siwen, and Xu Yaosheng. 2023. *The Trajectory of China’s Industrial Policies*. UC Institute on Global Conflict and Cooperation.",
        "Naughton et al. (2023)",
    ),
    (
        "perry-2011",
        "Perry, Elizabeth J. 2011. “From Mass Campaigns to Managed Campaigns: ‘Constructing a New Socialist Countryside.’” In *Mao’s Invisible Hand: The Political Foundations of Adaptive Governance in China*, edited by Sebastian Heilmann and Elizabeth J. Perry, 30–61. Harvard University Asia Center.",
        "(Perry 2011, 35)",
    ),
    (
        "renmin-2020",
        "*Renmin Ribao* 人民日报. 2020. “Zhangwo Fazhan Zhudongquan, Dahao Guanjian Hexin Jishu Gongjianzhan” 掌握发展主动权 打好关键核心技术攻坚战 [Seize the initiative in development and win the battle for key core technologies]. November 23, 2020.",
        "(*Renmin Ribao* 2020)",
    ),
    (
        "rolland-2020",
        "Rolland, Nadège. 2020. *China’s Vision for a New World Order*. NBR Special Report 83. National Bureau of Asian Research.",
        "(2020)",
    ),
    (
        "schoenhals-1991",
        "Schoenhals, Michael. 1991. “The 1978 Truth Criterion Controversy.” *The China Quarterly*, no. 126: 243–68.",
        "(Schoenhals 1991)",
    ),
    (
        "state-council-2006",
        "State Council 国务院. 2006. “Guojia Zhongchangqi Kexue he Jishu Fazhan Guihua Gangyao (2006–2020 Nian)” 国家中长期科学和技术发展规划纲要（2006—2020年） [Outline of the national medium- and long-term program for science and technology development (2006–2020)]. Guofa 国发〔2005〕44号. *Zhonghua Renmin Gongheguo Guowuyuan Gongbao* 中华人民共和国国务院公报 [Gazette of the State Council of the People’s Republic of China], no. 9.",
        "(see State Council 2006, 3)",
    ),
    (
        "scio-2021",
        "State Council Information Office. 2021. *China: Democracy That Works*. White paper. Foreign Languages Press.",
        "(State Council Information Office 2021)",
    ),
    (
        "style-guide-2022",
        "“Style Guide for Translators.” 2022. January 10, 2022. https://example.org/style-guide.",
        "(“Style Guide for Translators” 2022)",
    ),
    (
        "wang-2012-thesis",
        "Wang Lin. 2012. “Local Cadres and the Mass Line in Rural Hebei, 1949–1957.” PhD diss., University of Chicago.",
        "Wang Lin 2012)",
    ),
    (
        "wang-2012",
        "Wang, Zheng. 2012. *Never Forget National Humiliation: Historical Memory in Chinese Politics and Foreign Relations*. Columbia University Press.",
        "(Z. Wang 2012; ",
    ),
    (
        "xi-2021-centenary",
        "Xi Jinping 习近平. 2021a. “Zai Qingzhu Zhongguo Gongchandang Chengli 100 Zhounian Dahui Shang de Jianghua” 在庆祝中国共产党成立100周年大会上的讲话 [Speech at the ceremony marking the centenary of the Communist Party of China]. *Renmin Ribao* 人民日报, July 2, 2021.",
        "(Xi 2021a, 2021b)",
    ),
    (
        "xi-2021-qiushi",
        "Xi Jinping 习近平. 2021b. “Zhashi Tuidong Gongtong Fuyu” 扎实推动共同富裕 [Solidly promote common prosperity]. *Qiushi* 求是, no. 20.",
        "(Xi 2021a, 2021b)",
    ),
    (
        "xinhua-2014",
        "Xinhua News Agency. 2014. “Xi Jinping: Jianchi Zongti Guojia Anquan Guan, Zou Zhongguo Tese Guojia Anquan Daolu” 习近平：坚持总体国家安全观 走中国特色国家安全道路 [Xi Jinping: Uphold the holistic national security concept and take a path of national security with Chinese characteristics]. Xinhua Wang 新华网, April 15, 2014. https://example.org/xinhua/2014-04-15.",
        "(Xinhua News Agency 2014, emphasis added)",
    ),
    (
        "zhang-2021",
        "Zhang, Junchen. 2021. “Political Leadership Discourse of China and Its Representations in Global Media.” PhD diss., Hong Kong Polytechnic University.",
        "(Zhang 2021)",
    ),
];

fn edition_of(p: &ccp_press::model::Project) -> Edition<'_> {
    Edition::new(p, &p.readers["default"], Paper::Letter).expect("plans")
}

/// Runs as text with `*…*` around italics.
fn marked(runs: &[Run]) -> String {
    runs.iter()
        .map(|r| match r {
            Run::Text(t) => t.clone(),
            Run::Italic(c) => format!("*{}*", marked(c)),
            Run::Bold(c) | Run::SmallCaps(c) | Run::Sup(c) | Run::Sub(c) => marked(c),
            Run::Link { children, .. } => marked(children),
        })
        .collect()
}

/// Text for comparing with a PDF's: no italics marks, no spaces, no hyphens (the
/// PDF breaks lines and hyphenates words).
fn squeezed(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | '-' | '\u{ad}' | '\u{200b}'))
        .collect()
}

// Checks the reference list of the plan, entry by entry with its italics, and its
// order: the table is in reference-list order.
#[test]
fn references_in_the_plan() {
    let checked = load_and_check(&common::fixture("bibliography"));
    assert!(!checked.has_errors(), "{:#?}", checked.diagnostics);
    let p = &checked.project;
    let edition = edition_of(p);
    let works = edition
        .book
        .parts
        .iter()
        .find_map(|part| match part {
            Part::Bibliography(w) => Some(w),
            _ => None,
        })
        .expect("a reference list");
    let got: Vec<(String, String)> = works
        .iter()
        .map(|w| {
            let Anchor::Bib(key) = &w.anchor else {
                panic!("{:?}", w.anchor)
            };
            (key.clone(), marked(&w.runs))
        })
        .collect();
    assert!(TABLE.len() >= 25);
    for ((key, want, _), (got_key, got_text)) in TABLE.iter().zip(&got) {
        assert_eq!((*key, *want), (got_key.as_str(), got_text.as_str()));
    }
    assert_eq!(got.len(), TABLE.len());
}

// Checks every in-text citation, as the glossary entry's text prints it in the plan.
#[test]
fn citations_in_the_plan() {
    let checked = load_and_check(&common::fixture("bibliography"));
    let p = &checked.project;
    let selection = p.select(&p.readers["default"]);
    let formatted = ccp_press::cite::format(p, &selection);
    let all: Vec<String> = formatted.citations.values().map(|r| marked(r)).collect();
    for (key, _, cite) in TABLE {
        assert!(
            all.iter().any(|c| c.contains(cite)),
            "{key}: no citation reads {cite:?} in {all:#?}"
        );
    }
}

// Checks the EPUB: the reference list's items (italics as <i>) and the citations
// in the entry's page.
#[test]
fn references_in_the_epub() {
    let checked = load_and_check(&common::fixture("bibliography"));
    let p = &checked.project;
    let edition = edition_of(p);
    let files = Files::of(&edition.book);
    let pages = Writer::new(&files, None, edition.book.words).book(&edition.book);
    let mut items: BTreeMap<String, String> = BTreeMap::new();
    let mut body = String::new();
    for page in &pages {
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        };
        let doc = roxmltree::Document::parse_with_options(&page.xhtml, options)
            .expect("well-formed");
        for li in doc.descendants().filter(|n| n.has_tag_name("li")) {
            if let Some(id) = li.attribute("id") {
                items.insert(id.to_string(), text_of(li));
            }
        }
        body.push_str(&text_of(doc.root_element()));
    }
    for (key, want, cite) in TABLE {
        let id = Anchor::Bib((*key).to_string()).id();
        assert_eq!(items.get(&id).map(String::as_str), Some(*want), "{key}");
        assert!(body.contains(cite), "{key}: {cite:?}");
    }
}

/// Text of an XHTML element, `<i>` marked with `*`.
fn text_of(node: roxmltree::Node) -> String {
    let mut out = String::new();
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.has_tag_name("i") {
            out.push_str(&format!("*{}*", text_of(child)));
        } else if child.is_element() {
            out.push_str(&text_of(child));
        }
    }
    out
}

// Checks the PDF: the text of every reference and citation, in that order.
#[test]
fn references_in_the_pdf() {
    let checked = load_and_check(&common::fixture("bibliography"));
    let p = &checked.project;
    let edition = edition_of(p);
    let layout = edition.layout(None).expect("lays out");
    let pdf = edition.pdf(&layout, true).expect("exports");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("table.pdf");
    std::fs::write(&path, pdf).expect("writes");
    let out = std::process::Command::new("pdftotext")
        .args([path.to_str().expect("utf-8 path"), "-"])
        .output()
        .expect("pdftotext runs (poppler-utils)");
    let text = squeezed(&String::from_utf8_lossy(&out.stdout));
    let mut from = 0;
    for (key, want, _) in TABLE {
        let want = squeezed(want);
        let at = text[from..].find(&want);
        assert!(
            at.is_some(),
            "{key}: {want:?} not in the PDF after byte {from}"
        );
        from += at.unwrap_or_default();
    }
    for (key, _, cite) in TABLE {
        assert!(text.contains(&squeezed(cite)), "{key}: {cite:?}");
    }
}

// Checks that the fixture's only bibliography warnings are the ones it means to
// give: the undated web page has no date (once, not also as an incomplete date).
#[test]
fn lint_of_the_table() {
    let checked = load_and_check(&common::fixture("bibliography"));
    let got: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("W01") && d.code != "W0107")
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert_eq!(
        got,
        ["W0102 bibliography entry `chinafile-nd` has no date",]
    );
    // Web pages, news reports and documents with an address and no archived
    // copy; the journal articles and books with addresses are not warned of.
    let mut unarchived: Vec<String> = checked
        .diagnostics
        .iter()
        .filter(|d| d.code == "W0107")
        .map(|d| d.message.split('`').nth(1).unwrap_or_default().to_string())
        .collect();
    unarchived.sort();
    assert_eq!(
        unarchived,
        [
            "ccp-2016-outline",
            "chinafile-nd",
            "huang-cortese-2023",
            "style-guide-2022",
            "xinhua-2014"
        ]
    );
}
