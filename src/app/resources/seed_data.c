/*
 * seed_data.c -- the demo resources (seed_data.h): the table, then the
 * variants made from it.
 *
 * Each row is one document in one language, written in that language;
 * the paragraphs are what its PDF says, so they are real sentences on the
 * row's subject.  Rows are grouped by language; keep at least five per
 * language, and use only the kinds, themes and country codes the API
 * accepts (tests/unit/seed_data_test.c checks them).
 */
#include <stdio.h>
#include <string.h>

#include "app/resources/seed_data.h"
#include "extract/pdfgen.h"

struct row {
	const char *slug;	/* the file's name, before "-<lang>.pdf" */
	const char *title, *summary, *kind, *language;
	const char *themes[SEED_RESOURCE_MAX_THEMES + 1];	/* NULL-terminated */
	const char *countries[SEED_RESOURCE_MAX_COUNTRIES + 1];
	int year;
	const char *authors[SEED_RESOURCE_MAX_AUTHORS + 1];
	const char *publisher, *visibility, *link;
	const char *paras[SEED_RESOURCE_MAX_PARAS + 1];
};

static const struct row rows[] = {

/* ---- English ------------------------------------------------------------ */

{ "toolkit-stakeholder-engagement",
  "Toolkit on Stakeholder Engagement",
  "A practical toolkit for **civil society, academia and the private sector** on taking "
  "part in the review mechanisms of the Convention against Transnational Organized Crime "
  "and the Convention against Corruption.\n\n- who may take part, and how\n- preparing a "
  "written contribution\n- joining a constructive dialogue",
  "toolkit", "en", { "corruption", "criminal_justice", NULL }, { NULL }, 2022,
  { "Civil Society Unit", NULL }, "UNODC", "public", NULL,
  { "Non-governmental stakeholders bring knowledge from the ground that governments and "
    "international organizations often lack. This toolkit explains how civil society "
    "organizations, academia and the private sector can contribute to the prevention of "
    "organized crime and corruption, and to the review of how States implement the two "
    "Conventions.",
    "Each module opens with the questions stakeholders ask most often: who may register, "
    "which documents are public, when written contributions are due and how they are "
    "used. Checklists help an organization prepare a short, evidence-based submission and "
    "identify the national focal point to contact.",
    "The last module describes constructive dialogues, in which stakeholders meet the "
    "experts of the review mechanism, and collects lessons learned from country pilot "
    "initiatives where governments and civil society prepared the review together.", NULL } },

{ "guide-untoc-review-mechanism",
  "Civil Society Guide to the UNTOC Review Mechanism",
  "How non-governmental organizations can engage with the **Mechanism for the Review of "
  "the Implementation** of the Convention against Transnational Organized Crime and its "
  "Protocols, established by resolution 9/1 of the Conference of the Parties.",
  "guide", "en", { "criminal_justice", "trafficking_in_persons", "firearms" }, { NULL }, 2021,
  { "Maria Okafor", "Daniel Reyes", NULL }, "UNODC", "public", NULL,
  { "The Review Mechanism is a peer review process in which every State party is reviewed "
    "by two other States parties. The reviews are organized in clusters of articles and "
    "are carried out mainly through desk reviews, on the basis of a self-assessment "
    "questionnaire completed by the State under review.",
    "Paragraph 53 of resolution 9/1 invites the working groups of the Conference to hold "
    "constructive dialogues with non-governmental stakeholders. This guide explains how "
    "organizations apply to take part, how to prepare a statement on a cluster of "
    "articles, and how to follow up on the recommendations addressed to their country.",
    "Practical examples show how victim support organizations contributed information on "
    "trafficking in persons, and how research institutes shared data on illicit firearms "
    "flows with the national authorities before a review.", NULL } },

{ "concept-note-pilot-kenya",
  "Concept Note: Country Pilot Initiative in Kenya",
  "Concept note for a **country pilot initiative** bringing together government "
  "institutions and civil society to prepare Kenya's review under the Convention against "
  "Corruption.",
  "concept_note", "en", { "corruption", "youth", NULL }, { "KE", NULL }, 2023,
  { "Grace Wanjiru", NULL }, "Mombasa Integrity Forum", "members", NULL,
  { "The pilot initiative aims to build trust between the national anti-corruption "
    "authority and civil society organizations through a series of joint workshops, a "
    "shared work plan and a public report on progress.",
    "Activities include training for twenty organizations on the review process, a "
    "national consultation on asset declaration and whistle-blower protection, and a "
    "youth forum on integrity in public procurement.",
    "Success will be measured by the number of written contributions submitted, the "
    "participation of stakeholders in the country visit, and the follow-up given to the "
    "recommendations of the review.", NULL } },

{ "workshop-wildlife-crime-mekong",
  "Report of the Multi-Stakeholder Workshop on Wildlife and Forest Crime in the Mekong Region",
  "Findings and recommendations of a three-day workshop on **wildlife trafficking** and "
  "illegal logging, with customs officers, prosecutors, researchers and community groups.",
  "report", "en", { "wildlife_crime", "environmental_crime", NULL }, { "TH", "VN", "LA" }, 2019,
  { "Somchai Prasert", "Linh Tran", NULL }, "Mekong Conservation Network", "public", NULL,
  { "Participants agreed that wildlife and forest crime is a serious form of organized "
    "crime that is often linked to corruption, money laundering and document fraud. "
    "Seizures of ivory, pangolin scales and rosewood along the Mekong show that the same "
    "networks move several kinds of illicit goods.",
    "Community rangers described threats against them and asked for better protection "
    "and for channels to report suspicious trade safely. Prosecutors stressed the need "
    "for financial investigations alongside each seizure.",
    "The workshop recommended joint border patrols, a regional database of seizures, and "
    "regular meetings between law enforcement agencies and civil society organizations.",
    NULL } },

{ "training-cyber-money-laundering",
  "Training Material: Following the Money in Cybercrime Investigations",
  "A two-day course for investigators and financial analysts on **money laundering "
  "through virtual assets** and the evidence that online fraud leaves behind.",
  "training_material", "en", { "money_laundering", "cybercrime", NULL }, { "NG", "GH", NULL }, 2024,
  { "Adaeze Nwosu", "Kwame Mensah", NULL }, "West African Financial Integrity Institute", "members", NULL,
  { "Criminal groups use online fraud, ransomware and romance scams to generate proceeds, "
    "and then move those proceeds through mule accounts, virtual asset exchanges and "
    "trade-based schemes. This course follows one case from the first report of a victim "
    "to the freezing of assets.",
    "Participants learn to request subscriber information and transaction records, to "
    "preserve electronic evidence, and to work with financial intelligence units across "
    "borders using mutual legal assistance.",
    "Each session ends with an exercise based on anonymized case files, and the trainer "
    "notes include answers and a glossary of terms.", NULL } },

{ "untoc-convention-text",
  "United Nations Convention against Transnational Organized Crime and the Protocols Thereto",
  "The Convention, adopted by the General Assembly in resolution 55/25 of 15 November "
  "2000, and its three Protocols on **trafficking in persons**, the **smuggling of "
  "migrants** and **firearms**.",
  "legal_instrument", "en", { "criminal_justice", "trafficking_in_persons", "firearms" }, { NULL }, 2004,
  { NULL }, "United Nations", "public", NULL,
  { "The purpose of the Convention is to promote cooperation to prevent and combat "
    "transnational organized crime more effectively. It entered into force on 29 "
    "September 2003 and is the main international instrument in the fight against "
    "organized crime.",
    "States parties commit to establishing criminal offences such as participation in an "
    "organized criminal group, money laundering, corruption and obstruction of justice, "
    "and to adopting frameworks for extradition, mutual legal assistance and law "
    "enforcement cooperation.",
    "The Convention is supplemented by the Protocol to Prevent, Suppress and Punish "
    "Trafficking in Persons, Especially Women and Children, the Protocol against the "
    "Smuggling of Migrants by Land, Sea and Air, and the Protocol against the Illicit "
    "Manufacturing of and Trafficking in Firearms.", NULL } },

{ "presentation-victim-centred-trafficking",
  "Victim-Centred Approaches to Trafficking in Persons",
  "Slides from a webinar on identifying and supporting **survivors of trafficking**, with "
  "a focus on women and girls.",
  "presentation", "en", { "trafficking_in_persons", "victims_rights", "gender" }, { "PH", NULL }, 2022,
  { "Ana Santos", NULL }, "Manila Survivors Alliance", "public", NULL,
  { "A victim-centred approach places the rights, safety and well-being of survivors at "
    "the heart of every decision, from the first interview to the end of criminal "
    "proceedings.",
    "The presentation covers indicators of trafficking for sexual exploitation and forced "
    "labour, referral to shelters and legal aid, and ways to avoid the re-traumatization "
    "of victims who testify in court.", NULL } },

{ "video-youth-against-corruption",
  "Webinar Recording: Youth Against Corruption",
  "Recording of a webinar in which **young activists** from four regions share how they "
  "monitor public spending and report corruption.",
  "video", "en", { "corruption", "youth", NULL }, { "KE", "IN", "JM" }, 2023,
  { NULL }, "WhatsOn Hub", "public", "https://www.example.org/whatson-demo/webinars/youth-against-corruption",
  { "Young people are often the first to notice corruption in schools, universities and "
    "local services. In this webinar, student groups explain how they use open data to "
    "follow public contracts.",
    "Speakers discuss the risks of reporting, the support that mentors and journalists can "
    "provide, and how youth networks can take part in national anti-corruption "
    "strategies.", NULL } },

/* ---- French ------------------------------------------------------------- */

{ "guide-mecanisme-examen-cto",
  "Guide de la société civile sur le Mécanisme d'examen de la Convention contre la criminalité organisée",
  "Ce guide explique aux **organisations non gouvernementales** comment contribuer au "
  "Mécanisme d'examen de l'application de la Convention et de ses Protocoles.",
  "guide", "fr", { "criminal_justice", "smuggling_of_migrants", NULL }, { "SN", "CI", NULL }, 2022,
  { "Aminata Diallo", "Jean-Pierre Kouassi", NULL }, "Réseau ouest-africain pour la justice", "public", NULL,
  { "Le Mécanisme d'examen permet à chaque État partie d'être examiné par deux autres "
    "États parties. Les organisations de la société civile peuvent transmettre des "
    "informations écrites et participer aux dialogues constructifs organisés en marge des "
    "groupes de travail de la Conférence des Parties.",
    "Le guide présente les étapes de l'examen, le calendrier des groupes d'articles et les "
    "moyens de préparer une contribution courte et fondée sur des données vérifiables. Il "
    "propose aussi des conseils pour dialoguer avec le point focal national.",
    "Des exemples tirés de l'Afrique de l'Ouest montrent comment des associations de "
    "défense des migrants ont fait connaître la situation des victimes du trafic illicite "
    "et obtenu que leurs recommandations soient reprises dans le rapport national.", NULL } },

{ "note-conceptuelle-initiative-senegal",
  "Note conceptuelle : initiative pilote au Sénégal",
  "Note conceptuelle d'une **initiative pilote** associant le gouvernement et la société "
  "civile à la préparation de l'examen du Sénégal.",
  "concept_note", "fr", { "corruption", "criminal_justice", NULL }, { "SN", NULL }, 2023,
  { "Fatou Ndiaye", NULL }, "Forum civil de Dakar", "members", NULL,
  { "L'initiative pilote vise à créer un espace de dialogue durable entre les "
    "administrations chargées de la lutte contre la corruption et les organisations de la "
    "société civile, les universités et le secteur privé.",
    "Elle prévoit trois ateliers nationaux, la rédaction commune d'une feuille de route et "
    "la publication d'un rapport sur les enseignements tirés, diffusé en français et en "
    "wolof.",
    "Les résultats attendus sont une meilleure connaissance du mécanisme d'examen, des "
    "contributions écrites de qualité et un suivi régulier des recommandations adressées "
    "au pays.", NULL } },

{ "rapport-atelier-trafic-migrants-sahel",
  "Rapport de l'atelier régional sur le trafic illicite de migrants au Sahel",
  "Conclusions d'un atelier réunissant **magistrats, policiers et associations** du Niger, "
  "du Mali et du Burkina Faso.",
  "report", "fr", { "smuggling_of_migrants", "trafficking_in_persons", NULL }, { "NE", "ML", "BF" }, 2021,
  { "Moussa Traoré", "Claire Lefèvre", NULL }, "Observatoire sahélien des migrations", "public", NULL,
  { "Les participants ont souligné que le trafic illicite de migrants à travers le désert "
    "expose les personnes à des risques graves : abandon, violences, extorsion et traite "
    "des êtres humains.",
    "Les associations ont décrit l'aide qu'elles apportent aux migrants secourus et ont "
    "demandé que leur rôle soit reconnu dans les procédures d'orientation vers les "
    "services de protection.",
    "L'atelier recommande de renforcer la coopération judiciaire entre les pays de la "
    "région, de former les forces de sécurité au respect des droits des migrants et de "
    "mieux protéger les témoins.", NULL } },

{ "formation-corruption-marches-publics",
  "Module de formation : prévenir la corruption dans les marchés publics",
  "Un module de formation de deux jours sur les **risques de corruption** à chaque étape "
  "d'un marché public, avec études de cas et exercices.",
  "training_material", "fr", { "corruption", NULL }, { "CD", "CM", NULL }, 2024,
  { "Patrick Mbuyi", NULL }, "Institut africain de la gouvernance", "members", NULL,
  { "Les marchés publics représentent une part importante des dépenses de l'État et "
    "constituent l'un des domaines les plus exposés à la corruption, aux conflits "
    "d'intérêts et au favoritisme.",
    "Le module présente les signaux d'alerte, comme les appels d'offres taillés sur mesure "
    "ou les avenants répétés, et montre comment la transparence et le contrôle citoyen "
    "réduisent ces risques.",
    "Les participants travaillent sur des cas réels anonymisés et préparent un plan "
    "d'action pour leur organisation.", NULL } },

{ "publication-armes-feu-sahel",
  "Les armes à feu illicites au Sahel : circulation, trafic et réponses",
  "Une étude sur la **circulation des armes à feu** illicites dans la région et sur les "
  "mesures de contrôle prévues par le Protocole relatif aux armes à feu.",
  "publication", "fr", { "firearms", "terrorism_prevention", NULL }, { "ML", "NE", "TD" }, 2020,
  { "Ibrahim Maïga", "Sophie Bernard", NULL }, "Centre d'études stratégiques du Sahel", "public", NULL,
  { "La prolifération des armes légères alimente les conflits, le banditisme et le "
    "terrorisme dans le Sahel. Les armes proviennent de stocks mal sécurisés, de "
    "détournements et de fabrications artisanales.",
    "L'étude analyse les routes du trafic et montre l'importance du marquage, de "
    "l'enregistrement et du traçage des armes, conformément au Protocole contre la "
    "fabrication et le trafic illicites d'armes à feu.",
    "Elle recommande d'associer les communautés locales et les organisations de femmes aux "
    "campagnes de collecte volontaire d'armes.", NULL } },

{ "presentation-criminalite-environnementale-congo",
  "La criminalité environnementale dans le bassin du Congo",
  "Présentation sur l'**exploitation illégale des forêts** et le braconnage, et sur le "
  "rôle des communautés riveraines.",
  "presentation", "fr", { "environmental_crime", "wildlife_crime", NULL }, { "CD", "CG", "GA" }, 2022,
  { "Marie-Claire Mabiala", NULL }, "Coalition pour les forêts du bassin du Congo", "public", NULL,
  { "Le bassin du Congo abrite la deuxième plus grande forêt tropicale du monde. "
    "L'exploitation illégale du bois et le braconnage des éléphants privent les États de "
    "recettes et menacent les populations autochtones.",
    "La présentation propose des pistes pour améliorer la traçabilité du bois, lutter "
    "contre la corruption dans la délivrance des permis et protéger les défenseurs de "
    "l'environnement.", NULL } },

{ "portail-ressources-anticorruption",
  "Portail de ressources sur la prévention de la corruption",
  "Un portail qui rassemble des **lois types, guides et formations en ligne** sur la "
  "prévention de la corruption, en français.",
  "web_link", "fr", { "corruption", "criminal_justice", NULL }, { NULL }, 2024,
  { NULL }, "Réseau francophone pour l'intégrité", "public",
  "https://www.example.org/whatson-demo/liens/prevention-corruption",
  { "Ce portail propose des ressources classées par thème : déclaration de patrimoine, "
    "conflits d'intérêts, protection des lanceurs d'alerte et transparence des marchés "
    "publics.",
    "Les organisations membres peuvent y signaler de nouvelles publications et partager "
    "les outils qu'elles ont élaborés dans leur pays.", NULL } },

/* ---- Spanish ------------------------------------------------------------ */

{ "guia-convencion-contra-corrupcion",
  "Guía para la participación de la sociedad civil en el examen de la Convención contra la Corrupción",
  "Guía práctica para que las **organizaciones de la sociedad civil** participen en el "
  "Mecanismo de Examen de la Aplicación de la Convención de las Naciones Unidas contra la "
  "Corrupción.",
  "guide", "es", { "corruption", NULL }, { "MX", "CO", NULL }, 2021,
  { "Lucía Fernández", "Andrés Gómez", NULL }, "Red Latinoamericana por la Transparencia", "public", NULL,
  { "La Convención de las Naciones Unidas contra la Corrupción reconoce que la "
    "participación de la sociedad es esencial para prevenir y combatir la corrupción. "
    "Esta guía explica cómo las organizaciones pueden aportar información al examen de "
    "su país.",
    "Se describen las etapas del examen, la lista de verificación para la autoevaluación, "
    "la visita al país y la publicación del resumen ejecutivo, así como las oportunidades "
    "de diálogo con los expertos examinadores.",
    "La guía incluye ejemplos de México y Colombia, donde coaliciones de organizaciones "
    "presentaron informes paralelos sobre la protección de denunciantes y el acceso a la "
    "información pública.", NULL } },

{ "nota-conceptual-dialogo-colombia",
  "Nota conceptual: diálogo constructivo en Colombia",
  "Propuesta de un **diálogo constructivo** entre el gobierno y las partes interesadas "
  "sobre la aplicación de la Convención contra la Delincuencia Organizada.",
  "concept_note", "es", { "criminal_justice", "drug_trafficking", NULL }, { "CO", NULL }, 2023,
  { "Camila Rojas", NULL }, "Fundación Paz y Justicia", "members", NULL,
  { "El diálogo busca reunir a instituciones del Estado, universidades, organizaciones "
    "de víctimas y empresas para analizar juntos los avances y desafíos en la lucha "
    "contra la delincuencia organizada transnacional.",
    "Se propone una serie de mesas de trabajo regionales sobre el tráfico de drogas, la "
    "corrupción en los puertos y la protección de líderes sociales, seguidas de una "
    "reunión nacional de conclusiones.",
    "Los resultados se presentarán en un informe público con recomendaciones y un plan de "
    "seguimiento.", NULL } },

{ "informe-taller-trata-centroamerica",
  "Informe del taller regional sobre trata de personas en Centroamérica",
  "Conclusiones de un taller con **fiscales, albergues y organizaciones de mujeres** de "
  "Guatemala, Honduras y El Salvador.",
  "report", "es", { "trafficking_in_persons", "gender", "victims_rights" }, { "GT", "HN", "SV" }, 2022,
  { "Rosa Martínez", "Carlos Hernández", NULL }, "Alianza Centroamericana contra la Trata", "public", NULL,
  { "La trata de personas afecta sobre todo a mujeres, niñas y niños, que son captados "
    "con falsas ofertas de empleo y explotados sexual o laboralmente dentro y fuera de "
    "sus países.",
    "Las organizaciones que gestionan albergues señalaron la falta de recursos para la "
    "atención psicológica y la reintegración de las víctimas, así como las dificultades "
    "para obtener protección durante el proceso penal.",
    "El taller recomendó crear protocolos regionales de identificación y derivación, y "
    "fortalecer la cooperación entre fiscalías y sociedad civil.", NULL } },

{ "manual-prevencion-drogas-jovenes",
  "Manual de capacitación: prevención del consumo de drogas en jóvenes",
  "Material para **docentes y promotores comunitarios** sobre programas de prevención "
  "basados en la evidencia.",
  "training_material", "es", { "drug_prevention", "youth", NULL }, { "PE", "EC", NULL }, 2023,
  { "Javier Quispe", NULL }, "Centro Andino de Prevención", "public", NULL,
  { "La prevención eficaz empieza temprano y se apoya en la familia, la escuela y la "
    "comunidad. Este manual presenta actividades para desarrollar habilidades sociales y "
    "emocionales en adolescentes.",
    "Cada sesión incluye objetivos, materiales, tiempos y preguntas de evaluación, y se "
    "adapta a contextos urbanos y rurales.",
    "El manual también ofrece orientaciones para derivar a servicios de tratamiento a los "
    "jóvenes que lo necesiten, sin estigmatizarlos.", NULL } },

{ "kit-periodistas-lavado-dinero",
  "Kit de herramientas para periodistas sobre lavado de dinero",
  "Herramientas para **periodistas de investigación** que siguen el rastro del dinero de "
  "la corrupción y del crimen organizado.",
  "toolkit", "es", { "money_laundering", "corruption", NULL }, { "AR", "PY", NULL }, 2024,
  { "Martín Sosa", "Valeria Benítez", NULL }, "Colectivo de Periodismo de Investigación", "public", NULL,
  { "El lavado de dinero permite a los grupos criminales disfrutar de sus ganancias y "
    "corromper la economía legal. Los periodistas desempeñan un papel clave al revelar "
    "empresas fantasma y bienes ocultos.",
    "El kit explica cómo consultar registros mercantiles y de la propiedad, cómo proteger "
    "a las fuentes y cómo verificar documentos filtrados.",
    "Incluye además una guía de seguridad digital y física para trabajar en zonas de "
    "frontera.", NULL } },

{ "video-trafico-migrantes-darien",
  "Video: el tráfico ilícito de migrantes en la selva del Darién",
  "Testimonios de **migrantes y organizaciones humanitarias** sobre los riesgos de la "
  "travesía entre Colombia y Panamá.",
  "video", "es", { "smuggling_of_migrants", "victims_rights", NULL }, { "PA", "CO", NULL }, 2023,
  { NULL }, "Red Humanitaria del Darién", "public", "https://www.example.org/whatson-demo/videos/darien",
  { "Miles de personas cruzan cada año la selva del Darién, guiadas por traficantes que "
    "cobran por cada tramo del camino. Muchas sufren robos, violencia sexual y "
    "accidentes.",
    "El video recoge las voces de migrantes y de las organizaciones que les brindan agua, "
    "atención médica y orientación legal, y plantea qué pueden hacer los Estados para "
    "proteger sus derechos.", NULL } },

/* ---- Russian ------------------------------------------------------------ */

{ "rukovodstvo-mekhanizm-obzora",
  "Руководство для гражданского общества по Механизму обзора Конвенции против организованной преступности",
  "Руководство объясняет **неправительственным организациям**, как участвовать в работе "
  "Механизма обзора хода осуществления Конвенции и протоколов к ней.",
  "guide", "ru", { "criminal_justice", "corruption", NULL }, { "KZ", "KG", NULL }, 2022,
  { "Айгуль Садыкова", "Игорь Петров", NULL }, "Центральноазиатская сеть гражданских инициатив", "public", NULL,
  { "Механизм обзора представляет собой процесс взаимной оценки, в ходе которого каждое "
    "государство-участник проходит обзор двумя другими государствами. Организации "
    "гражданского общества могут представлять письменную информацию и участвовать в "
    "конструктивном диалоге.",
    "В руководстве описаны этапы обзора, порядок подготовки кратких и обоснованных "
    "материалов и способы взаимодействия с национальным координатором.",
    "Примеры из Казахстана и Кыргызстана показывают, как независимые эксперты помогли "
    "подготовить рекомендации по защите свидетелей и жертв преступлений.", NULL } },

{ "otchet-torgovlya-lyudmi-tsentralnaya-aziya",
  "Отчёт о семинаре по противодействию торговле людьми в Центральной Азии",
  "Итоги регионального семинара с участием **правоохранительных органов, приютов и "
  "кризисных центров**.",
  "report", "ru", { "trafficking_in_persons", "victims_rights", NULL }, { "KZ", "UZ", "TJ" }, 2021,
  { "Нодира Каримова", NULL }, "Ассоциация кризисных центров", "public", NULL,
  { "Участники отметили, что торговля людьми в регионе чаще всего связана с трудовой "
    "эксплуатацией мигрантов, которых вербуют обещаниями высокой зарплаты за рубежом.",
    "Представители кризисных центров рассказали о помощи пострадавшим: временном жилье, "
    "психологической поддержке и юридических консультациях.",
    "Семинар рекомендовал создать национальные механизмы перенаправления жертв и "
    "укрепить сотрудничество между государственными органами и некоммерческими "
    "организациями.", NULL } },

{ "uchebnyi-material-kiberprestupnost-deti",
  "Учебный материал: киберпреступность и защита детей в интернете",
  "Курс для **учителей, родителей и социальных работников** о рисках, с которыми дети "
  "сталкиваются в сети.",
  "training_material", "ru", { "cybercrime", "youth", NULL }, { "AM", "KG", NULL }, 2023,
  { "Арам Саргсян", "Елена Смирнова", NULL }, "Институт цифровой безопасности", "members", NULL,
  { "Дети и подростки проводят в интернете всё больше времени и могут стать жертвами "
    "мошенничества, вымогательства и сексуальной эксплуатации.",
    "Курс объясняет, как распознать признаки опасного общения, как сохранить "
    "доказательства и куда сообщить о преступлении.",
    "Каждый модуль содержит упражнения и памятки, которые можно раздать ученикам и "
    "родителям.", NULL } },

{ "kontseptsiya-pilotnaya-initsiativa-kyrgyzstan",
  "Концептуальная записка: пилотная инициатива в Кыргызстане",
  "Концепция **пилотной инициативы** по совместной подготовке государства и "
  "гражданского общества к обзору выполнения Конвенции против коррупции.",
  "concept_note", "ru", { "corruption", "criminal_justice", NULL }, { "KG", NULL }, 2024,
  { "Бакыт Осмонов", NULL }, "Фонд «Прозрачность»", "members", NULL,
  { "Цель инициативы состоит в том, чтобы наладить постоянный диалог между "
    "антикоррупционными органами, университетами, бизнесом и общественными "
    "организациями.",
    "Планируется провести три национальных семинара, подготовить общую дорожную карту и "
    "опубликовать доклад об извлечённых уроках.",
    "Ожидается, что инициатива повысит качество письменных материалов и обеспечит "
    "контроль за выполнением рекомендаций.", NULL } },

{ "publikatsiya-oborot-oruzhiya",
  "Незаконный оборот огнестрельного оружия: обзор национального законодательства",
  "Сравнительный обзор законов о **контроле над огнестрельным оружием** и их "
  "соответствия Протоколу об огнестрельном оружии.",
  "publication", "ru", { "firearms", "criminal_justice", NULL }, { "KZ", "UZ", NULL }, 2020,
  { "Сергей Волков", NULL }, "Центр правовых исследований", "public", NULL,
  { "Незаконный оборот огнестрельного оружия подпитывает организованную преступность и "
    "насилие. Протокол требует маркировки оружия, учёта и отслеживания его перемещения.",
    "В обзоре сравниваются нормы об уголовной ответственности, лицензировании и "
    "уничтожении изъятого оружия.",
    "Авторы предлагают поправки к законодательству и меры по повышению прозрачности "
    "экспорта и импорта.", NULL } },

{ "konventsiya-oon-protiv-korruptsii",
  "Конвенция Организации Объединённых Наций против коррупции",
  "Конвенция, принятая Генеральной Ассамблеей в резолюции 58/4 от 31 октября 2003 года: "
  "**предупреждение**, криминализация, международное сотрудничество и возвращение "
  "активов.",
  "legal_instrument", "ru", { "corruption", NULL }, { NULL }, 2004,
  { NULL }, "Организация Объединённых Наций", "public", NULL,
  { "Конвенция является единственным универсальным юридически обязательным "
    "антикоррупционным документом. Она вступила в силу 14 декабря 2005 года.",
    "Государства-участники обязуются принимать меры по предупреждению коррупции, "
    "устанавливать уголовную ответственность за взяточничество и хищение, "
    "сотрудничать в расследованиях и возвращать похищенные активы.",
    "Конвенция признаёт важную роль гражданского общества, неправительственных "
    "организаций и средств массовой информации в борьбе с коррупцией.", NULL } },

/* ---- Chinese ------------------------------------------------------------ */

{ "gongjubao-liyi-youguanfang",
  "利益攸关方参与工具包",
  "面向**民间社会、学术界和私营部门**的实用工具包，介绍如何参与两项公约的审议机制。",
  "toolkit", "zh", { "corruption", "criminal_justice", NULL }, { NULL }, 2022,
  { "民间社会股", NULL }, "UNODC", "public", NULL,
  { "非政府利益攸关方掌握着政府和国际组织往往缺乏的第一手知识。本工具包说明民间社会"
    "组织、学术界和私营部门如何为预防有组织犯罪和腐败作出贡献。",
    "每个模块都回答利益攸关方最常提出的问题：谁可以登记，哪些文件是公开的，书面意见"
    "何时提交以及如何使用。",
    "最后一个模块介绍建设性对话，并汇集了各国试点举措的经验教训。", NULL } },

{ "zhinan-fanfubai-gongyue-shenyi",
  "民间社会参与《联合国反腐败公约》审议机制指南",
  "指导**民间社会组织**参与《联合国反腐败公约》实施情况审议机制的各个阶段。",
  "guide", "zh", { "corruption", NULL }, { "CN", "MY", NULL }, 2021,
  { "李明", "陈静", NULL }, "亚太廉政研究中心", "public", NULL,
  { "《联合国反腐败公约》认识到社会参与对于预防和打击腐败至关重要。本指南说明民间"
    "社会组织如何向本国的审议提供信息。",
    "指南介绍了自评清单、国别访问和执行摘要的发布等审议步骤，以及与审议专家对话的"
    "机会。",
    "指南还收录了举报人保护和信息公开方面的实例。", NULL } },

{ "baogao-yesheng-dongwu-fanzui",
  "研讨会报告：东南亚野生动植物犯罪",
  "关于**野生动植物非法贸易**及相关腐败和洗钱问题的区域研讨会成果。",
  "report", "zh", { "wildlife_crime", "money_laundering", NULL }, { "CN", "LA", "TH" }, 2019,
  { "王芳", NULL }, "湄公河保护联盟", "public", NULL,
  { "与会者一致认为，野生动植物犯罪是一种严重的有组织犯罪，往往与腐败、洗钱和伪造"
    "文件相关联。",
    "社区巡护员介绍了他们面临的威胁，并呼吁加强保护和建立安全的举报渠道。",
    "研讨会建议开展联合边境巡逻，建立区域查获数据库，并定期举行执法机构与民间社会"
    "组织之间的会议。", NULL } },

{ "peixun-wangluo-fanzui-shuzi-zhengju",
  "培训材料：打击网络犯罪与电子证据",
  "面向调查人员和检察官的课程，内容涉及**网络犯罪**调查和电子证据的保全。",
  "training_material", "zh", { "cybercrime", "criminal_justice", NULL }, { "CN", "SG", NULL }, 2023,
  { "张伟", "林慧", NULL }, "亚洲刑事司法培训学院", "members", NULL,
  { "网络诈骗、勒索软件和网上儿童性剥削给各国执法机构带来了新的挑战。",
    "课程讲解如何依法调取和保全电子证据，如何开展跨境司法协助，以及如何保护受害人"
    "的隐私。",
    "每个单元都配有案例练习、讨论题和术语表，培训师手册还提供了参考答案。", NULL } },

{ "gainian-qingnian-yufang-fanzui",
  "概念说明：青年参与预防犯罪",
  "关于通过体育、教育和社区活动让**青年**参与预防犯罪和毒品滥用的概念说明。",
  "concept_note", "zh", { "youth", "drug_prevention", NULL }, { "MN", "SG", NULL }, 2024,
  { "赵磊", NULL }, "青年与法治网络", "public", NULL,
  { "青年既可能成为犯罪的受害者，也可能成为预防犯罪的重要力量。本举措旨在通过体育"
    "和生活技能培训增强青年的抗逆力。",
    "计划开展的活动包括学校讲座、社区体育联赛和青年领袖培训，并与家庭和教师密切"
    "合作。",
    "项目成果将通过问卷调查和参与人数进行评估。", NULL } },

{ "chubanwu-xiqian-yu-fubai",
  "出版物：洗钱与腐败之间的联系",
  "一份研究报告，分析**腐败所得**如何通过空壳公司和房地产被清洗。",
  "publication", "zh", { "money_laundering", "corruption", NULL }, { NULL }, 2020,
  { "刘洋", "黄晓", NULL }, "金融诚信研究所", "public", NULL,
  { "腐败和洗钱密不可分：贪污受贿所得必须经过清洗才能被使用。空壳公司、代名人和"
    "房地产交易是常见的手段。",
    "研究建议建立受益所有权登记制度，加强金融情报机构之间的合作，并追回被盗资产。",
    NULL } },

/* ---- Arabic ------------------------------------------------------------- */

{ "dalil-aliyat-istirad-ittifaqiya",
  "دليل المجتمع المدني لآلية استعراض تنفيذ اتفاقية مكافحة الجريمة المنظمة",
  "يشرح هذا الدليل **للمنظمات غير الحكومية** كيفية المشاركة في آلية استعراض تنفيذ "
  "الاتفاقية والبروتوكولات الملحقة بها.",
  "guide", "ar", { "criminal_justice", "trafficking_in_persons", NULL }, { "EG", "JO", NULL }, 2022,
  { "ليلى حسن", "عمر الخطيب", NULL }, "الشبكة العربية للعدالة", "public", NULL,
  { "آلية الاستعراض عملية تقييم بين الأقران تستعرض فيها دولتان من الدول الأطراف مدى "
    "تنفيذ دولة طرف أخرى لأحكام الاتفاقية. ويمكن لمنظمات المجتمع المدني تقديم "
    "معلومات مكتوبة والمشاركة في الحوار البناء.",
    "يعرض الدليل مراحل الاستعراض وطريقة إعداد مساهمة مكتوبة موجزة تستند إلى أدلة "
    "موثوقة وسبل التواصل مع جهة الاتصال الوطنية.",
    "وتبين أمثلة من مصر والأردن كيف ساهمت جمعيات حماية الضحايا في إعداد توصيات بشأن "
    "مكافحة الاتجار بالأشخاص.", NULL } },

{ "taqrir-warsha-ittijar-shamal-afriqiya",
  "تقرير ورشة العمل الإقليمية حول مكافحة الاتجار بالأشخاص في شمال أفريقيا",
  "خلاصات ورشة عمل جمعت **القضاة وأجهزة إنفاذ القانون والجمعيات** من المغرب وتونس ومصر.",
  "report", "ar", { "trafficking_in_persons", "smuggling_of_migrants", NULL }, { "MA", "TN", "EG" }, 2021,
  { "يوسف بنعلي", NULL }, "المرصد المغاربي للهجرة", "public", NULL,
  { "أكد المشاركون أن الاتجار بالأشخاص في المنطقة يرتبط بالعمل القسري والاستغلال "
    "الجنسي وتهريب المهاجرين عبر البحر الأبيض المتوسط.",
    "وعرضت الجمعيات الخدمات التي تقدمها للضحايا من إيواء ودعم نفسي ومساعدة قانونية، "
    "وطالبت بالاعتراف بدورها في آليات الإحالة الوطنية.",
    "وأوصت الورشة بتعزيز التعاون القضائي بين دول المنطقة وتدريب العاملين في الخطوط "
    "الأمامية على تحديد الضحايا.", NULL } },

{ "mudhakkira-mubadara-tajribiya-urdun",
  "مذكرة مفاهيمية: مبادرة تجريبية في الأردن",
  "مذكرة مفاهيمية **لمبادرة قطرية تجريبية** تجمع الحكومة والمجتمع المدني للتحضير "
  "لاستعراض اتفاقية مكافحة الفساد.",
  "concept_note", "ar", { "corruption", NULL }, { "JO", NULL }, 2023,
  { "رنا العلي", NULL }, "منتدى النزاهة الأردني", "members", NULL,
  { "تهدف المبادرة إلى بناء الثقة بين هيئة مكافحة الفساد ومنظمات المجتمع المدني "
    "والجامعات والقطاع الخاص من خلال حوار منتظم.",
    "وتشمل الأنشطة ثلاث ورش عمل وطنية وإعداد خارطة طريق مشتركة ونشر تقرير عن الدروس "
    "المستفادة.",
    "ومن النتائج المتوقعة تحسين جودة المساهمات المكتوبة ومتابعة تنفيذ التوصيات.", NULL } },

{ "mawad-tadribiya-himayat-dahaya",
  "مواد تدريبية: حماية ضحايا الجريمة وتقديم الدعم لهم",
  "دورة تدريبية **للأخصائيين الاجتماعيين والمحامين** حول حقوق الضحايا والنهج المراعي "
  "للنوع الاجتماعي.",
  "training_material", "ar", { "victims_rights", "gender", NULL }, { "LB", "JO", NULL }, 2024,
  { "نادين خوري", NULL }, "مركز الدعم القانوني", "nongovernmental", NULL,
  { "للضحايا الحق في المعاملة بكرامة وفي الحصول على المعلومات والمساعدة والحماية "
    "طوال الإجراءات الجنائية.",
    "تشرح الدورة كيفية إجراء مقابلة تراعي الصدمات النفسية وكيفية إحالة الضحايا إلى "
    "خدمات الإيواء والرعاية الصحية.",
    "ويتضمن كل درس تمارين عملية ودراسات حالة من المنطقة العربية.", NULL } },

{ "ard-taqdimi-ghasl-amwal",
  "عرض تقديمي: مكافحة غسل الأموال في المنطقة العربية",
  "شرائح عرض حول **غسل الأموال** وتمويل الجريمة المنظمة ودور المؤسسات المالية.",
  "presentation", "ar", { "money_laundering", "corruption", NULL }, { "LB", "EG", NULL }, 2022,
  { "كريم منصور", NULL }, "معهد الشفافية المالية", "public", NULL,
  { "تستخدم الجماعات الإجرامية الشركات الوهمية والعقارات والتحويلات غير الرسمية "
    "لإخفاء مصدر أموالها.",
    "يعرض التقديم مؤشرات الإنذار التي ينبغي للمصارف الإبلاغ عنها، ودور وحدات "
    "الاستخبارات المالية في تتبع الأموال واستردادها.", NULL } },

{ "manshur-wiqayat-shabab-irhab",
  "منشور: وقاية الشباب من التطرف العنيف المفضي إلى الإرهاب",
  "دراسة حول دور **المدارس والأسر ومنظمات الشباب** في منع التطرف العنيف.",
  "publication", "ar", { "terrorism_prevention", "youth", NULL }, { "IQ", "TN", NULL }, 2020,
  { "أحمد الجبوري", "سلمى بن يوسف", NULL }, "مركز دراسات الشباب", "public", NULL,
  { "يتأثر الشباب بخطاب الكراهية على الإنترنت وبالتهميش الاجتماعي والاقتصادي، مما "
    "يجعل الوقاية المبكرة ضرورية.",
    "تقترح الدراسة برامج للتربية على المواطنة والتفكير النقدي، وفرص عمل وتطوع للشباب "
    "في مجتمعاتهم المحلية.",
    "وتؤكد أهمية الشراكة بين المؤسسات الحكومية ومنظمات المجتمع المدني والقيادات "
    "الدينية.", NULL } },
};

#define NROWS (sizeof rows / sizeof rows[0])

/* Countries a variant of a row in each language may be about. */
static const char *const pool_en[] = { "KE", "NG", "GH", "ZA", "UG", "PH", "TH", "ID", "IN", "PK", "BD", "JM", "TT", "GB", NULL };
static const char *const pool_fr[] = { "SN", "CI", "ML", "BF", "NE", "CM", "CD", "BJ", "TG", "MA", "TN", "HT", "MG", "GN", NULL };
static const char *const pool_es[] = { "MX", "CO", "PE", "EC", "GT", "HN", "SV", "PA", "AR", "CL", "BO", "PY", "DO", "CR", NULL };
static const char *const pool_ru[] = { "KZ", "KG", "UZ", "TJ", "AM", "AZ", "MD", "TM", NULL };
static const char *const pool_zh[] = { "CN", "SG", "MY", "MN", "LA", "KH", "TH", NULL };
static const char *const pool_ar[] = { "EG", "JO", "LB", "MA", "TN", "DZ", "IQ", "LY", "SD", "YE", NULL };

/* How a variant's title carries its year and number, per language. */
static const struct {
	const char *lang;
	const char *const *pool;
	const char *fmt;	/* title, year, number */
} langs[] = {
	{ "en", pool_en, "%s, %d edition, no. %zu" },
	{ "fr", pool_fr, "%s, édition %d, nº %zu" },
	{ "es", pool_es, "%s, edición %d, n.º %zu" },
	{ "ru", pool_ru, "%s, издание %d г., № %zu" },
	{ "zh", pool_zh, "%s（%d年版，第%zu号）" },
	{ "ar", pool_ar, "%s، طبعة %d، رقم %zu" },
};

/* splitmix64: a well-mixed 64-bit value from any other. */
static uint64_t
mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15u;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9u;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebu;
	return x ^ (x >> 31);
}

static size_t
count(const char *const *list, size_t max)
{
	size_t n = 0;

	while (n < max && list[n])
		n++;
	return n;
}

size_t
seed_resource_base_count(void)
{
	return NROWS;
}

enum ws_err
seed_resource_get(uint64_t seed, size_t i, struct seed_resource *out)
{
	const struct row *r;
	const char *const *pool = NULL;
	const char *fmt = "%s (%d, %zu)";

	if (i >= SEED_RESOURCE_MAX)
		return WS_ETOOBIG;
	r = &rows[i % NROWS];
	memset(out, 0, sizeof *out);
	out->title = r->title;
	out->summary = r->summary;
	out->kind = r->kind;
	out->language = r->language;
	out->nthemes = count(r->themes, SEED_RESOURCE_MAX_THEMES);
	memcpy(out->themes, r->themes, out->nthemes * sizeof *out->themes);
	out->ncountries = count(r->countries, SEED_RESOURCE_MAX_COUNTRIES);
	memcpy(out->countries, r->countries, out->ncountries * sizeof *out->countries);
	out->year = r->year;
	out->nauthors = count(r->authors, SEED_RESOURCE_MAX_AUTHORS);
	memcpy(out->authors, r->authors, out->nauthors * sizeof *out->authors);
	out->publisher = r->publisher;
	out->visibility = r->visibility;
	out->nparagraphs = count(r->paras, SEED_RESOURCE_MAX_PARAS);
	memcpy(out->paragraphs, r->paras, out->nparagraphs * sizeof *out->paragraphs);
	out->link = r->link;
	if (i < NROWS) {
		if (!r->link)
			snprintf(out->file_buf, sizeof out->file_buf, "%s-%s.pdf", r->slug, r->language);
	} else {
		uint64_t h = mix(seed ^ mix(i));
		unsigned v = (unsigned)(h % 10);

		for (size_t l = 0; l < sizeof langs / sizeof langs[0]; l++)
			if (strcmp(langs[l].lang, r->language) == 0)
				pool = langs[l].pool, fmt = langs[l].fmt;
		/* Legal instruments keep their year; other documents move
		 * up to eight years back from theirs. */
		if (strcmp(r->kind, "legal_instrument") != 0)
			out->year = r->year - (int)((h >> 8) % 9);
		/* A global resource stays global; the others are about one
		 * to three countries of their language's region. */
		if (out->ncountries && pool) {
			size_t np = count(pool, 64), first = (size_t)((h >> 16) % np);

			out->ncountries = 1 + (size_t)((h >> 32) % SEED_RESOURCE_MAX_COUNTRIES);
			for (size_t k = 0; k < out->ncountries; k++)
				out->countries[k] = pool[(first + k) % np];
		}
		out->visibility = v < 7 ? "public" : v < 9 ? "members" : "nongovernmental";
		snprintf(out->title_buf, sizeof out->title_buf, fmt, r->title, out->year, i + 1);
		out->title = out->title_buf;
		if (!r->link)
			snprintf(out->file_buf, sizeof out->file_buf, "%s-%s-%zu.pdf",
			    r->slug, r->language, i + 1);
	}
	out->file_name = r->link ? NULL : out->file_buf;
	return WS_OK;
}

enum ws_err
seed_resource_pdf(const struct seed_resource *r, struct buf *out)
{
	if (!r->file_name)
		return WS_EINVAL;
	return pdfgen_text(out, r->title, r->paragraphs, r->nparagraphs);
}
