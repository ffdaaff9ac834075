"""Short conflict-event notes (one paragraph, many countries): the headline killed figure.

The notes are written for these tests in the style of event-data coders (a date, the
actors, the place, the outcome), one language class per case; none is copied from a dataset.
"""

from __future__ import annotations

import pytest

from corroborate.config import Settings
from corroborate.extract import default_pipeline, extract
from corroborate.models import Article

_PIPE = default_pipeline(Settings())


def _toll(text: str) -> tuple[int | None, int | None]:
    ext = extract(Article(id="n", text=text, published="2020-12-31"), _PIPE)
    head = ext.incidents[0] if ext.incidents else None
    if head is None:
        return None, None
    return head.toll["killed"]["total"], head.toll["injured"]["total"]


@pytest.mark.parametrize(("note", "killed"), [
    # "N <victim> fatalities"
    ("On 3 March 2020, militants attacked a checkpoint near Bama, resulting in 6 rebel "
     "fatalities.", 6),
    ("On 21 January 2020, the SDF clashed with IS militants near Hajin. 3 fatalities were "
     "reported.", 3),
    # a group name written with a slash
    ("On 22 February 2020, 56 BH/IS fighters were killed by Chadian troops near Lake Chad.", 56),
    # members of a named unit
    ("On 6 January 2020, 2 members of the regime's Air Force Intelligence were killed by an IED "
     "in Daraa.", 2),
    # groups of one kind under one predicate add up
    ("On 1 November 2020, forty GNA soldiers and eight LNA soldiers were killed in clashes south "
     "of Tripoli.", 48),
    ("On 15 October 2020, AQIM militants clashed with FAMa soldiers near Boulkessi. 12 militants "
     "and 3 soldiers were killed.", 15),
    # a total with its breakdown in brackets is the total
    ("On 16 May 2020, regime forces shelled Kafr Nabl, killing 5 civilians (2 men, 2 women and 1 "
     "child).", 5),
    # captives killed later
    ("On 7 October 2020, ISWAP fighters abducted 9 soldiers near Monguno and later killed them.",
     9),
    # a range: the low end is the headline figure
    ("On 4 December 2020, Boko Haram militants attacked Kwarangulum village, killing between 43 "
     "and 52 farmers.", 43),
    # one victim without a digit
    ("On 9 April 2020, a man was shot dead by unidentified gunmen in Karachi.", 1),
    ("On 8 November 2020, a landmine explosion killed a shepherd in Tal Afar district.", 1),
    ("On 13 September 2020, a Houthi missile struck a house in Taiz, killing a woman and her son.",
     2),
    ("On 19 July 2020, police fired on protesters in Conakry, killing one protester.", 1),
    ("On 27 March 2020, a civilian died from injuries sustained in an airstrike in Saraqib.", 1),
    ("On 17 December 2020, rival cattle herders clashed in Jonglei state; 7 people were killed "
     "and 11 wounded.", 7),
    # "shot dead" before its figure; a singular "fatality"; "a member of" is one person
    ("On 3 May 2020, police shot dead 2 suspected robbers in Kisumu county.", 2),
    ("On 9 May 2020, factions shelled positions near Ain Issa. 1 fatality.", 1),
    ("On 18 April 2020, unidentified gunmen killed a member of the SDF in Thiban.", 1),
])
def test_event_notes_killed_where_someone_died(note: str, killed: int) -> None:
    assert _toll(note)[0] == killed


@pytest.mark.parametrize("note", [
    "On 11 August 2020, protesters gathered in front of the parliament in Beirut to demand the "
    "resignation of the government.",
    "On 18 September 2020, military forces shelled rebel positions in Idlib. No casualties were "
    "reported.",
    "On 30 July 2020, an IED exploded near a military patrol in Kirkuk, wounding 2 soldiers. No "
    "fatalities.",
    "On 23 May 2020, gunmen kidnapped 3 aid workers on the Maiduguri-Damboa road.",
    "On 2 April 2020, security forces arrested 15 protesters in Algiers.",
    # captives released, not killed
    "On 7 October 2020, ISWAP fighters abducted 9 soldiers near Monguno and later released them.",
    "On 3 August 2020, unknown assailants attacked a herder near Bankass and stole 40 cattle. The "
    "herder was injured.",
    # a commemoration of a past massacre is not a death today
    "On 11 July 2020, residents commemorated the 1995 Srebrenica massacre, in which about 8,000 "
    "people were killed.",
    "On 25 April 2020, a drone strike hit a vehicle in Marib, resulting in an unknown number of "
    "fatalities.",
    # captives "of them" freed, and a threat to kill: no death
    "On 14 May 2020, gunmen abducted 20 passengers near Kaduna; 12 of them were freed on Sunday.",
    "On 2 June 2020, ISWAP fighters threatened to execute 5 aid workers held near Monguno.",
])
def test_event_notes_no_false_death(note: str) -> None:
    assert not _toll(note)[0]


def test_event_notes_injured_only() -> None:
    assert _toll("On 4 July 2020, a bomb exploded in a mosque in Kabul, injuring 8 worshippers.") \
        == (None, 8)


#: notes from many countries written for issue 10's second pass (wordings the first set did
#: not use: "lost their lives", "left 12 dead and 40 wounded", "resulted in 25 fatalities",
#: "killing a woman and two children", "a police officer was killed and another was
#: seriously injured", "killing both fighters", "beat ... to death", "several others
#: injured" as at least three); killed and injured as a careful reader counts them, None
#: for no figure
WORLD: list[tuple[str, int | None, int | None]] = [
    ('On 12 March 2020, unidentified gunmen attacked a bus near Djibo (Soum, Sahel), killing 3 civilians. 2 others were injured.',
     3, 2),
    ('On 5 January 2020, an IED detonated in Kabul city (Kabul), killing one civilian and wounding two others.',
     1, 2),
    ('On 7 February 2020, unknown gunmen shot and killed a local official in Baidoa (Bay).',
     1, None),
    ('On 10 April 2020, Indian and Pakistani troops exchanged fire across the LoC in Poonch district, Jammu and Kashmir. A woman was killed and two children were injured.',
     1, 2),
    ('On 12 May 2020, a navy marine was killed by CJNG gunmen in Tlaquepaque, Jalisco.',
     1, None),
    ('On 20 June 2020, in El Salto, Jalisco, armed men killed three police officers.',
     3, None),
    ('On 20 March 2020, Imbonerakure members beat a CNL member to death in Kabezi commune (Bujumbura Rural).',
     1, None),
    ('On 4 February 2020, unidentified armed men killed 3 people in Guji zone, Oromia region.',
     3, None),
    ('On 25 July 2020, armed men attacked Misterei village in West Darfur, killing over 60 people and injuring 60 others.',
     60, 60),
    ('On 5 March 2020, clashes between FPRC and MLCJ fighters in Ndele (Bamingui-Bangoran) resulted in 25 fatalities.',
     25, None),
    ('On 10 August 2020, military police killed 2 suspected drug traffickers during an operation in Duque de Caxias, Rio de Janeiro.',
     2, None),
    ('On 15 August 2020, armed men killed 8 young people at a gathering in Samaniego (Narino).',
     8, None),
    ('On 2 March 2020, an IED targeted a PMF vehicle near Tuz Khurmatu (Salah al-Din), killing 2 PMF members and wounding 3 others.',
     2, 3),
    ('On 1 July 2020, suspected Dozo militiamen killed 32 civilians in three villages of Koro cercle (Mopti).',
     32, None),
    ('On 9 August 2020, ISGS militants killed 6 French aid workers and 2 Nigerien nationals near Koure (Kollo, Tillaberi).',
     8, None),
    ('On 7 April 2020, insurgents killed 52 young men in Xitaxi village, Muidumbe district (Cabo Delgado).',
     52, None),
    ('On 8 February 2020, Al Shabaab killed 2 SNA soldiers in an ambush near Bulo Burte (Hiraan).',
     2, None),
    ('On 9 June 2020, ISWAP militants attacked Gubio (Gubio, Borno), killing 81 civilians.',
     81, None),
    ('On 13 January 2020, suspected Al Shabaab militants attacked a school in Kamuthe (Fafi, Garissa), killing 3 teachers.',
     3, None),
    ('On 3 May 2020, a man was shot dead by police in Soweto, Gauteng.',
     1, None),
    ('On 18 February 2020, a suicide bomber targeted a rally in Quetta (Balochistan), killing 10 people and injuring 35.',
     10, 35),
    ('On 16 March 2020, two factions of the ruling party clashed in Companiganj (Noakhali, Chittagong). 1 person was killed and 20 were injured.',
     1, 20),
    ('On 7 April 2020, the AA and the Tatmadaw clashed near Kyauktaw (Rakhine). 2 civilians were killed.',
     2, None),
    ('On 30 April 2020, insurgents ambushed a ranger patrol in Rueso district (Narathiwat), wounding 2 rangers.',
     None, 2),
    ('On 13 June 2020, a Ukrainian soldier was killed by a sniper near Zaitseve (Donetsk).',
     1, None),
    ('On 5 July 2020, Turkish forces killed 3 PKK militants in an operation in Hakkari province.',
     3, None),
    ('On 15 March 2020, Houthi snipers shot dead a child in At Tuhayta district (Al Hudaydah).',
     1, None),
    ('On 20 May 2020, FAES agents killed 2 men in Petare, Miranda.',
     2, None),
    ('On 12 October 2020, armed men killed 4 people in San Pedro Sula (Cortes).',
     4, None),
    ('On 14 February 2020, soldiers killed 23 civilians in Ngarbuh (Donga-Mantung, Northwest).',
     23, None),
    ('On 23 March 2020, Boko Haram militants attacked a military base at Bohoma (Lac), killing 92 soldiers.',
     92, None),
    ('On 29 January 2020, ADF militants killed 36 civilians in Manzingi (Beni, North Kivu).',
     36, None),
    ('On 2 November 2020, armed men killed at least 54 people in Gawa Qanqa (West Wellega, Oromia).',
     54, None),
    ('On 16 May 2020, Murle militiamen attacked Pieri (Uror, Jonglei), killing 300 people.',
     300, None),
    ('On 21 September 2020, a landmine exploded under a vehicle in Tal Abyad countryside (Ar-Raqqa). The driver was killed and 2 passengers were injured.',
     1, 2),
    ('On 6 March 2020, police fired on protesters in Conakry (Conakry). 2 protesters died of their wounds.',
     2, None),
    ('On 24 October 2020, gunmen stormed a school in Kumba (Meme, Southwest), killing 7 children and wounding 12 others.',
     7, 12),
    ('On 11 November 2020, a clash between two clans in Galkayo (Mudug) left 5 dead and 8 wounded.',
     5, 8),
    ('On 2 December 2020, Fulani militia attacked Kukawa (Kukawa, Borno); 3 people were killed and several others injured.',
     3, 3),
    ('On 28 August 2020, unidentified gunmen killed a man and his son in Dera Ismail Khan (Khyber Pakhtunkhwa).',
     2, None),
    ('On 3 September 2020, security forces killed a suspected militant during a raid in Mandera (Mandera).',
     1, None),
    ('On 19 October 2020, a car bomb exploded near a market in Afrin (Aleppo), killing a woman and two children.',
     3, None),
    ('On 22 July 2020, a suspected US drone strike hit a vehicle near Jilib (Middle Juba), killing 2 Al Shabaab militants.',
     2, None),
    ('On 8 January 2020, a grenade attack on a bar in Bujumbura (Bujumbura Mairie) wounded 4 people.',
     None, 4),
    ('On 26 June 2020, Anglophone separatists abducted and killed a gendarme in Bali (Mezam, Northwest).',
     1, None),
    ('On 14 April 2020, unknown assailants hacked a village chief to death in Nyiragongo territory (North Kivu).',
     1, None),
    ('On 30 May 2020, armed bandits killed 2 herders and injured a third near Kaura Namoda (Zamfara).',
     2, 1),
    ('On 17 August 2020, a mob lynched a suspected thief in Kampala (Kampala).',
     1, None),
    ('On 4 October 2020, Azerbaijani shelling of Stepanakert killed 2 civilians and wounded 11.',
     2, 11),
    ('On 1 August 2020, police shot dead a protester during a demonstration in Harare (Harare).',
     1, None),
    ('On 9 September 2020, rival gangs clashed in Port-au-Prince (Ouest). 4 gang members were killed.',
     4, None),
    ('On 27 February 2020, rioters killed a man in Shiv Vihar, North East Delhi (Delhi).',
     1, None),
    ('On 7 May 2020, Maoists killed a villager they accused of being a police informer in Bijapur (Chhattisgarh).',
     1, None),
    ('On 3 November 2020, gunmen attacked Kabul University (Kabul), killing 22 students and wounding 22 others.',
     22, 22),
    ('On 12 May 2020, gunmen attacked a maternity ward in Dasht-e-Barchi, Kabul; 24 people died, including newborn babies.',
     24, None),
    ('On 18 September 2020, security forces killed two suspected Abu Sayyaf members in Patikul, Sulu.',
     2, None),
    ('On 24 August 2020, twin bombings in Jolo (Sulu) killed 14 people, including 7 soldiers, and injured 75.',
     14, 75),
    ('On 6 June 2020, an airstrike hit a house in Al Jawf governorate, killing 4 members of one family.',
     4, None),
    ('On 2 January 2020, a clash between the army and Ambazonian fighters in Batibo (Momo, Northwest) left 3 separatists dead.',
     3, None),
    ('On 21 January 2020, the body of a man with gunshot wounds was found in Ciudad Juarez, Chihuahua.',
     1, None),
    ('On 8 March 2020, unidentified gunmen shot a teacher in Kandahar city (Kandahar); he died in hospital.',
     1, None),
    ('On 19 June 2020, a roadside bomb hit a vehicle in Mogadishu (Banadir). Two people were killed and three others wounded.',
     2, 3),
    ('On 3 July 2020, ISWAP militants ambushed a convoy near Damboa (Damboa, Borno), killing twelve soldiers.',
     12, None),
    ('On 11 April 2020, Taliban fighters killed five members of the ALP in Dawlat Abad district (Faryab).',
     5, None),
    ('On 23 May 2020, a drone strike targeted a car near Sirte, Libya, killing 3 LNA fighters.',
     3, None),
    ('On 14 July 2020, clashes between Azerbaijani and Armenian forces in Tovuz district left 4 Azerbaijani soldiers dead.',
     4, None),
    ('On 10 February 2020, Houthi forces shelled a market in Ad Durayhimi (Al Hudaydah), killing 2 civilians and injuring 5.',
     2, 5),
    ('On 29 March 2020, clashes between Ethiopian troops and OLA fighters in Nekemte (East Wellega, Oromia) claimed the lives of 6 people.',
     6, None),
    ('On 18 August 2020, Sudanese police fired tear gas at protesters in Khartoum (Khartoum). No casualties reported.',
     None, None),
    ('On 30 October 2020, security forces killed 2 protesters in Conakry; 3 others sustained gunshot wounds.',
     2, 3),
    ('On 5 December 2020, unknown gunmen killed a pastor and his wife in Tallo village (Nasarawa).',
     2, None),
    ('On 15 November 2020, a suicide bomber killed 3 soldiers at a checkpoint in Mogadishu.',
     3, None),
    ('On 10 October 2020, Houthi forces shelled Hays district, Al Hudaydah, killing a woman and injuring her two daughters.',
     1, 2),
    ('On 2 January 2020, unknown gunmen shot and killed a man in Al-Mayadin city (Deir-ez-Zor). The victim was a member of the SDF.',
     1, None),
    ('On 3 January 2020, an IED exploded near Ras al-Ain (Al-Hasakeh), killing a Turkish-backed fighter.',
     1, None),
    ('On 5 January 2020, a civilian was killed by regime sniper fire in Kafr Nabl (Idleb).',
     1, None),
    ('On 6 January 2020, SOHR reported the death of a child in a landmine explosion near Maadan (Ar-Raqqa).',
     1, None),
    ('On 7 January 2020, an IS cell attacked a regime post near Al-Sukhnah (Homs). 3 regime soldiers and 2 IS militants were killed.',
     5, None),
    ('On 8 January 2020, regime forces clashed with HTS fighters near Abu Dali (Hama). 7 regime soldiers and 5 HTS fighters were killed.',
     12, None),
    ('On 9 January 2020, Russian warplanes struck Ariha (Idleb), killing a man and his wife.',
     2, None),
    ('On 10 January 2020, a man died of wounds sustained earlier in regime shelling on Maarat al-Numan (Idleb).',
     1, None),
    ("On 11 January 2020, the body of a young man was found with gunshot wounds in Da'el (Dar'a).",
     1, None),
    ('On 12 January 2020, an unidentified drone targeted a vehicle near Sarmada (Idleb), killing its driver.',
     1, None),
    ('On 13 January 2020, regime shelling on Atarib (Aleppo) resulted in the death of 2 civilians.',
     2, None),
    ('On 14 January 2020, HTS fighters attacked regime positions near Khan Tuman (Aleppo), killing 3 people (1 civilian and 2 regime soldiers).',
     3, None),
    ('On 15 January 2020, 6 NLF fighters were killed in clashes with regime forces in Jabal al-Akrad (Lattakia).',
     6, None),
    ('On 16 January 2020, an NDF member was killed by IS militants near Al-Quryatayn (Homs).',
     1, None),
    ("On 17 January 2020, unidentified gunmen assassinated a former FSA commander in Inkhil (Dar'a).",
     1, None),
    ('On 18 January 2020, regime shelling hit Kafr Takharim (Idleb). 2 children were killed and 3 others were injured.',
     2, 3),
    ('On 19 January 2020, an explosive device went off in Jarablus (Aleppo): 1 killed and 4 injured.',
     1, 4),
    ('On 20 January 2020, Russian airstrikes hit a market in Saraqib (Idleb), killing 4 civilians including 2 children.',
     4, None),
    ('On 21 January 2020, SDF forces killed 1 SNA fighter in clashes near Tal Tamr (Al-Hasakeh).',
     1, None),
    ('On 22 January 2020, 5 people were killed, including a woman, when a car bomb went off in Azaz (Aleppo).',
     5, None),
    ('On 23 January 2020, a child was killed and his brother was wounded by a landmine near Sukhnah (Homs).',
     1, 1),
    ('On 24 January 2020, regime forces shelled Kansafra (Idleb), killing a woman and wounding 2 men.',
     1, 2),
    ("On 25 January 2020, unidentified gunmen opened fire on a car in Busra al-Sham (Dar'a). Its two passengers were killed.",
     2, None),
    ('On 26 January 2020, a Turkish drone struck an SDF vehicle near Ain Issa (Ar-Raqqa), killing both fighters inside.',
     2, None),
    ('On 27 January 2020, clashes between HTS and regime forces near Maarat al-Numan (Idleb) left 14 dead on both sides.',
     14, None),
    ('On 28 January 2020, regime forces executed 3 detainees in Sednaya (Rural Damascus).',
     3, None),
    ('On 29 January 2020, an unexploded shell went off in Kafr Zita (Hama), killing a shepherd and his son.',
     2, None),
    ('On 30 January 2020, regime and Russian airstrikes on Ariha (Idleb) killed 10 civilians and wounded at least 30.',
     10, 30),
    ("On 31 January 2020, a regime soldier died of his wounds after an attack near Tafas (Dar'a).",
     1, None),
    ('On 1 February 2020, IS militants kidnapped and killed 2 shepherds near Al-Kawm (Homs).',
     2, None),
    ('On 2 February 2020, Turkish-backed factions shelled Tal Rifaat (Aleppo). A woman died and 3 people were wounded.',
     1, 3),
    ("On 3 February 2020, unidentified gunmen killed a mukhtar in Jasim (Dar'a).",
     1, None),
    ('On 4 February 2020, an IED targeted a bus carrying regime soldiers near Palmyra (Homs), killing 7 soldiers and injuring 12.',
     7, 12),
    ('On 5 February 2020, clashes broke out between HTS and the NLF in Atarib (Aleppo). 2 HTS members and 1 NLF member were killed.',
     3, None),
    ('On 6 February 2020, a rocket fired by regime forces killed a displaced man in Sarmin (Idleb).',
     1, None),
    ('On 7 February 2020, Israeli airstrikes targeted Iranian-backed militia positions near Al-Bukamal (Deir-ez-Zor). Fatalities: 8.',
     8, None),
    ('On 8 February 2020, SOHR documented the killing of 4 regime soldiers by an IS ambush in the Badia of Deir-ez-Zor.',
     4, None),
    ("On 9 February 2020, an elderly man was killed by stray bullets during clashes in Jasim (Dar'a).",
     1, None),
    ("On 10 February 2020, a young man was shot dead at a checkpoint in As-Sanamayn (Dar'a).",
     1, None),
    ('On 11 February 2020, regime warplanes bombed Darat Izza (Aleppo), causing the deaths of 6 civilians.',
     6, None),
    ('On 4 March 2020, Fulani militiamen raided Ancha village in Bassa LGA (Plateau), killing 4 people; 3 others sustained injuries.',
     4, 3),
    ('On 14 June 2020, gunmen on motorbikes attacked worshippers at a mosque in Bakura (Zamfara). At least 12 people lost their lives.',
     12, None),
    ('On 9 April 2020, two AMISOM soldiers died when their vehicle hit an IED near Marka (Lower Shabelle).',
     2, None),
    ("On 22 June 2020, an unidentified gunman shot a shopkeeper in Mogadishu's Hodan district. The shopkeeper died on the spot.",
     1, None),
    ('On 1 September 2020, Taliban fighters stormed a police post in Baghlan-e Jadid district (Baghlan). Five policemen lost their lives and two were wounded.',
     5, 2),
    ('On 20 October 2020, a suicide car bomb hit an army base in Ghor province, leaving at least 12 dead and 40 wounded.',
     12, 40),
    ('On 6 February 2020, the army clashed with NPA guerrillas in Las Navas, Northern Samar. One soldier and three rebels died.',
     4, None),
    ('On 18 May 2020, a land dispute between two families in Sheikhupura (Punjab) turned violent; three men were shot dead and one was hurt.',
     3, 1),
    ('On 11 July 2020, security forces fired live rounds at protesters in Bamako (Bamako). Four demonstrators were killed and dozens injured.',
     4, 24),
    ('On 25 September 2020, Tigray special forces and federal troops clashed near Humera (Western, Tigray); casualties unknown.',
     None, None),
    ('On 3 August 2020, Murle gunmen raided cattle camps near Pibor (Jonglei), leaving 15 people dead, mostly herders.',
     15, None),
    ('On 26 April 2020, an airstrike hit a house in Saada city (Saada), killing an entire family of six.',
     6, None),
    ('On 30 June 2020, two members of the Rapid Support Forces were killed in an ambush near Nyala (South Darfur).',
     2, None),
    ('On 15 July 2020, a police officer was killed and another was seriously injured in a gun attack in Juarez, Chihuahua.',
     1, 1),
    ('On 8 October 2020, armed men opened fire at a bar in Salamanca (Guanajuato). 5 people died and 3 were wounded.',
     5, 3),
    ('On 12 December 2020, ELN militants ambushed a patrol in Arauca (Arauca), killing one soldier and wounding another.',
     1, 1),
    ('On 17 February 2020, unidentified attackers killed a tribal leader and two of his bodyguards in Al Bayda governorate.',
     3, None),
    ('On 23 July 2020, rival factions of the ruling party clashed in Sylhet (Sylhet), resulting in the death of one activist and injuries to 15 others.',
     1, 15),
    ('On 5 May 2020, Maoists ambushed a CRPF team in Sukma district, Chhattisgarh: 2 jawans were killed and 4 were injured.',
     2, 4),
    ('On 19 August 2020, a grenade thrown into a bar in Kinshasa (Kinshasa) killed one person and injured seven.',
     1, 7),
    ('On 28 March 2020, separatist fighters killed three civilians, including a woman, in Muyuka (Fako, Southwest).',
     3, None),
    ('On 10 May 2020, two people were killed and several houses burned when Fulani gunmen attacked a village in Kajuru LGA (Kaduna).',
     2, None),
    ('On 1 April 2020, an unidentified armed group killed 2 gold miners near Kalsaka (Yatenga, Nord).',
     2, None),
    ('On 7 September 2020, a car bomb went off in a busy market in Ras al-Ain (Al-Hasakeh), killing at least 10 people, including children, and injuring more than 20.',
     10, 20),
    ('On 9 March 2020, Israeli forces shot dead a Palestinian teenager during clashes near Nablus.',
     1, None),
    ('On 14 August 2020, a shell fired by regime forces landed in Idleb city, killing one child and wounding his mother.',
     1, 1),
    ('On 12 April 2020, clashes between the army and IS in Diyala province left 2 soldiers and 4 militants dead.',
     6, None),
    ("On 3 October 2020, unknown assailants killed a journalist in his home in Honduras's Colon department.",
     1, None),
    # issue 10, third pass: a group's name after "of", captives "of them" found dead, a
    # present-tense killing verb, lives claimed, one person and some of his kin
    ('On 16 March 2020, 3 militants of ISWAP were killed when their vehicle ran over a mine near Marte (Borno).',
     3, None),
    ('On 9 June 2020, 4 members of Jund al-Aqsa were killed in an ambush near Kafr Zita (Hama).',
     4, None),
    ('On 5 May 2020, armed bandits abducted 14 travellers near Dansadau (Zamfara); 6 of them were later found dead.',
     6, None),
    ('On 21 August 2020, IS cells execute 2 shepherds in the Badia of Homs, local sources say.',
     2, None),
    ('On 30 September 2020, heavy clashes in Tovuz claimed 16 lives on both sides.',
     16, None),
    ('On 11 November 2020, gunmen stormed a farm in Mangu LGA (Plateau), killing the village head and two of his sons.',
     3, None),
]


@pytest.mark.parametrize(("note", "killed", "injured"), WORLD)
def test_event_notes_world_killed_and_injured(note: str, killed: int | None,
                                              injured: int | None) -> None:
    assert _toll(note) == (killed, injured)
