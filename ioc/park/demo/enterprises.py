"""The 101 enterprises of the demo Đại An park.

Where the figures come from: shared/domain/park.md — by June 2025, 82 FDI projects from 15 countries
and territories and 19 domestic (DDI) projects, more than 4 billion USD registered; named investors
Sumidenso Vietnam (Japan, wiring harnesses), Hyundai Kefico Vietnam (Korea, automotive electronics),
Deli office technology Vietnam (China, stationery) and Masan Hải Dương (Vietnam, food).

The four named investors are real companies, but every figure given for them here (tax code, capital,
start date, lots) is illustrative, not taken from their records. All the other enterprises are
invented (is_sample=True); any likeness to a real company's name is accidental. Sectors are VSIC 2018
codes (Decision 27/2018/QĐ-TTg). Capital is in millions of USD; DDI capital was converted from VND at
about 25,000 VND/USD. A start year of None means the project is still under construction. `lots` is
how many of the park's ~1.5 ha lots (sites.LOT_GRIDS) the enterprise holds; its land area is the sum.
"""

from dataclasses import dataclass
from datetime import date

from stdnum.vn import mst

from ioc.park.choices import EnterpriseStatus, InvestmentType

# Tax codes (MST) are 10 digits: the province code, a 7-digit sequence and a check digit. "08" was
# Hải Dương province's code; the sequences are made up (see tax_code_for).
PROVINCE_CODE = "08"


@dataclass(frozen=True)
class EnterpriseRow:
    demo_id: int  # stable key of the row: the tax code and device serials are derived from it
    country: str  # ISO 3166 alpha-2 of the investor
    name_vi: str
    name_en: str
    sector: str  # VSIC 2018
    capital_musd: float
    year: int | None  # year operation started; None while under construction
    lots: int
    is_sample: bool = True

    @property
    def investment_type(self) -> str:
        return InvestmentType.DDI if self.country == "VN" else InvestmentType.FDI

    @property
    def status(self) -> str:
        return EnterpriseStatus.OPERATING if self.year else EnterpriseStatus.CONSTRUCTION

    @property
    def started_operation(self) -> date | None:
        # A fixed day in the start year, spread over the months so dates do not all look alike.
        return date(self.year, 1 + self.demo_id * 5 % 12, 1 + self.demo_id * 7 % 28) if self.year else None

    @property
    def tax_code(self) -> str:
        return tax_code_for(self.demo_id)

    @property
    def is_logistics(self) -> bool:
        return self.sector.startswith("52")


def tax_code_for(demo_id: int) -> str:
    """A valid, made-up Hải Dương tax code for a demo row; sequences grow with the id."""
    sequence = 100_000 + demo_id * 1_237
    while True:
        prefix = f"{PROVINCE_CODE}{sequence:07d}"
        check = mst.calc_check_digit(prefix)
        if len(check) == 1:  # some prefixes have no valid check digit ("10"); take the next one
            return prefix + check
        sequence += 1


def _fdi(demo_id, country, stem, sector, capital, year, lots, *, name_vi=None, name_en=None, sample=True):
    return EnterpriseRow(
        demo_id,
        country,
        name_vi or f"Công ty TNHH {stem} Việt Nam",
        name_en or f"{stem} Vietnam Co., Ltd.",
        sector,
        capital,
        year,
        lots,
        sample,
    )


def _ddi(demo_id, name_vi, name_en, sector, capital, year, lots, *, sample=True):
    return EnterpriseRow(demo_id, "VN", name_vi, name_en, sector, capital, year, lots, sample)


# The four named investors (real companies; figures illustrative, see the module docstring).
NAMED = (
    _fdi(1, "JP", "Sumidenso", "2930", 150, 2007, 6, sample=False),
    _fdi(2, "KR", "Hyundai Kefico", "2930", 380, 2017, 7, sample=False),
    _fdi(3, "CN", "", "3290", 260, 2020, 5, sample=False,
         name_vi="Công ty TNHH Công nghệ Văn phòng Deli Việt Nam",
         name_en="Deli Office Technology Vietnam Co., Ltd."),
    _ddi(4, "Công ty TNHH Masan Hải Dương", "Masan Hai Duong Co., Ltd.", "1079", 110, 2012, 5, sample=False),
)  # fmt: skip

# Invented FDI projects: Japan and Korea largest, then China and Taiwan, 15 countries in all.
# fmt: off
INVENTED_FDI = (
    _fdi(5, "JP", "Kitahara Seimitsu", "2599", 46, 2005, 1),
    _fdi(6, "JP", "Aoba Denshi", "2610", 70, 2008, 2),
    _fdi(7, "JP", "Mizuhara Wiring Systems", "2930", 59, 2009, 1),
    _fdi(8, "JP", "Tsukishima Plastics", "2220", 22, 2006, 1),
    _fdi(9, "JP", "Hoshino Mold Technology", "2599", 18, 2007, 1),
    _fdi(10, "JP", "Sakuragawa Auto Parts", "2930", 81, 2011, 2),
    _fdi(11, "JP", "Oyamada Textile", "1392", 15, 2005, 1),
    _fdi(12, "JP", "Kanazuki Electric Motor", "2710", 52, 2013, 2),
    _fdi(13, "JP", "Shiraishi Rubber", "2219", 26, 2010, 1),
    _fdi(14, "JP", "Ichinose Bearing", "2814", 43, 2014, 2),
    _fdi(15, "JP", "Nagaoka Coating", "2592", 13, 2008, 1),
    _fdi(16, "JP", "Takemori Packaging", "1702", 15, 2012, 1),
    _fdi(17, "JP", "Yukimura Medical Devices", "3250", 56, 2016, 1),
    _fdi(18, "JP", "Umemoto Precision Springs", "2599", 16, 2015, 1),
    _fdi(19, "JP", "Hanazono Optical", "2670", 37, 2018, 1),
    _fdi(20, "JP", "Morizane Harness Components", "2733", 30, 2017, 1),
    _fdi(21, "JP", "Tachibana Die Casting", "2432", 44, 2019, 1),
    _fdi(22, "JP", "Kisaragi Sensor", "2610", 70, 2021, 2),
    _fdi(23, "JP", "Omura Seiki Machinery", "2819", 31, 2022, 1),
    _fdi(24, "JP", "Asahina Foods", "1079", 26, 2019, 1),
    _fdi(25, "JP", "Kaigan Logistics", "5210", 22, 2015, 2),
    _fdi(26, "KR", "Hanbit Auto Parts", "2930", 89, 2012, 2),
    _fdi(27, "KR", "Seonam Electronics", "2610", 126, 2015, 2),
    _fdi(28, "KR", "Gwangjin Mold", "2599", 15, 2013, 1),
    _fdi(29, "KR", "Mirae Harness Tech", "2733", 33, 2016, 1),
    _fdi(30, "KR", "Sinwoo Plastics", "2220", 18, 2014, 1),
    _fdi(31, "KR", "Haneul Display Parts", "2610", 155, 2018, 2),
    _fdi(32, "KR", "Dongbaek Apparel", "1410", 13, 2011, 1),
    _fdi(33, "KR", "Jinseong Metal", "2592", 16, 2017, 1),
    _fdi(34, "KR", "Cheongun Lighting", "2740", 26, 2019, 1),
    _fdi(35, "KR", "Saebyeok Battery Materials", "2720", 185, None, 3),
    _fdi(36, "KR", "Baekdu Cable", "2732", 43, 2018, 2),
    _fdi(37, "KR", "Gaon Motor Components", "2930", 100, 2020, 2),
    _fdi(38, "KR", "Narae Textile", "1313", 31, 2010, 2),
    _fdi(39, "KR", "Sori Acoustic", "2640", 47, 2021, 1),
    _fdi(40, "KR", "Hwarang Footwear", "1520", 37, 2012, 2),
    _fdi(41, "KR", "Bitnara Cosmetics", "2023", 21, 2022, 1),
    _fdi(42, "KR", "Taeyang Steel Structure", "2511", 22, 2016, 1),
    _fdi(43, "CN", "Huayang Precision Hardware", "2599", 30, 2017, 1),
    _fdi(44, "CN", "Xinhe Cable", "2732", 47, 2019, 2),
    _fdi(45, "CN", "Tianrui Lighting", "2740", 31, 2020, 1),
    _fdi(46, "CN", "Mingda Furniture", "3100", 26, 2018, 2),
    _fdi(47, "CN", "Hongsheng Textile", "1392", 40, 2016, 1),
    _fdi(48, "CN", "Ruifeng Plastics", "2220", 21, 2021, 1),
    _fdi(49, "CN", "Zhongke Battery", "2720", 163, None, 2),
    _fdi(50, "CN", "Baoxin Packaging", "1702", 18, 2019, 1),
    _fdi(51, "CN", "Kaida Motor", "2710", 58, 2022, 1),
    _fdi(52, "CN", "Lianyi Electronics", "2610", 95, 2023, 2),
    _fdi(53, "CN", "Qingyuan Home Appliances", "2750", 63, 2024, 1),
    _fdi(54, "TW", "Fuchang Bicycle Parts", "3092", 27, 2009, 1),
    _fdi(55, "TW", "Yuanli Electronics", "2610", 78, 2014, 1),
    _fdi(56, "TW", "Jinhe Footwear", "1520", 41, 2008, 2),
    _fdi(57, "TW", "Hengda Fastener", "2599", 18, 2011, 1),
    _fdi(58, "TW", "Lienwei Chemical", "2029", 22, 2013, 1),
    _fdi(59, "TW", "Chiahsin Textile", "1312", 30, 2007, 1),
    _fdi(60, "TW", "Shengtai Optical", "2670", 34, 2020, 1),
    _fdi(61, "SG", "Straits Logistics", "5210", 36, 2010, 2),
    _fdi(62, "SG", "Tanjong Cold Chain", "5210", 30, None, 2),
    _fdi(63, "SG", "Orchid Precision Engineering", "2819", 25, 2015, 1),
    _fdi(64, "SG", "Marina Medical Supplies", "3250", 31, 2018, 1),
    _fdi(65, "US", "Blue Ridge Filtration", "2819", 27, 2016, 1),
    _fdi(66, "US", "Great Lakes Sensors", "2651", 40, 2019, 1),
    _fdi(67, "US", "Cascadia Medical Components", "3250", 47, 2021, 1),
    _fdi(68, "DE", "Rheinfeld Drive Systems", "2814", 52, 2012, 2),
    _fdi(69, "DE", "Schwarzwald Precision Tools", "2593", 22, 2014, 1),
    _fdi(70, "DE", "Elbtal Industrial Valves", "2813", 31, 2017, 1),
    _fdi(71, "FR", "Loire Aromatics", "2029", 18, 2015, 1),
    _fdi(72, "FR", "Provence Packaging", "1702", 16, 2013, 1),
    _fdi(73, "TH", "Siam Chao Food Ingredients", "1079", 31, 2011, 1),
    _fdi(74, "TH", "Chaophraya Rubber Products", "2219", 26, 2009, 1),
    _fdi(75, "MY", "Penang Semitech", "2610", 73, 2019, 1),
    _fdi(76, "MY", "Selangor Glove", "2219", 37, 2016, 2),
    _fdi(77, "HK", "Harbour Crest Garments", "1410", 15, 2006, 1),
    _fdi(78, "HK", "Kowloon Toys", "3240", 13, 2008, 1),
    _fdi(79, "GB", "Thames Valley Coatings", "2022", 21, 2018, 1),
    _fdi(80, "NL", "Zuiderzee Agri Machinery", "2821", 25, 2020, 1),
    _fdi(81, "IN", "Deccan Pharma", "2100", 41, None, 1),
    _fdi(82, "IN", "Ganga Auto Components", "2930", 30, 2023, 1),
    _fdi(83, "AU", "Southern Cross Water Technologies", "2813", 21, 2024, 1),
)

# Invented domestic (DDI) projects.
INVENTED_DDI = (
    _ddi(84, "Công ty Cổ phần Cơ khí Hồng Lam", "Hong Lam Mechanical JSC", "2592", 5, 2007, 1),
    _ddi(85, "Công ty Cổ phần Bao bì Sao Mai Xanh", "Sao Mai Xanh Packaging JSC", "1702", 8, 2009, 1),
    _ddi(86, "Công ty TNHH Nhựa Phúc Thành Đạt", "Phuc Thanh Dat Plastics Co., Ltd.", "2220", 4, 2012, 1),
    _ddi(87, "Công ty Cổ phần May Tứ Minh", "Tu Minh Garment JSC", "1410", 6, 2005, 2),
    _ddi(88, "Công ty TNHH Thực phẩm Hương Đồng", "Huong Dong Foods Co., Ltd.", "1071", 5, 2010, 1),
    _ddi(89, "Công ty Cổ phần Kết cấu Thép Vĩnh An", "Vinh An Steel Structure JSC", "2511", 12, 2014, 2),
    _ddi(90, "Công ty TNHH Điện cơ Thái Hòa Minh", "Thai Hoa Minh Electromechanical Co., Ltd.", "2710", 7,
         2016, 1),
    _ddi(91, "Công ty Cổ phần Logistics Đường Năm", "Route Five Logistics JSC", "5210", 10, 2013, 2),
    _ddi(92, "Công ty TNHH Vật liệu Xây dựng Xanh Lam Sơn", "Lam Son Green Building Materials Co., Ltd.",
         "2395", 9, 2011, 2),
    _ddi(93, "Công ty Cổ phần Thức ăn Chăn nuôi Đồng Bằng Vàng", "Golden Delta Feed JSC", "1080", 18,
         2008, 2),
    _ddi(94, "Công ty TNHH In ấn Bình Minh Đông", "Binh Minh Dong Printing Co., Ltd.", "1811", 3, 2015, 1),
    _ddi(95, "Công ty Cổ phần Tái chế Vòng Xanh", "Green Loop Recycling JSC", "3830", 6, 2019, 1),
    _ddi(96, "Công ty TNHH Nội thất Gỗ Mộc Hưng", "Moc Hung Wood Furniture Co., Ltd.", "3100", 5, 2017, 1),
    _ddi(97, "Công ty Cổ phần Dược phẩm An Khang Đông", "An Khang Dong Pharmaceutical JSC", "2100", 15,
         2020, 1),
    _ddi(98, "Công ty TNHH Linh kiện Điện tử Hải Việt", "Hai Viet Electronic Components Co., Ltd.", "2610",
         8, 2021, 1),
    _ddi(99, "Công ty Cổ phần Dây cáp điện Phú Kim", "Phu Kim Cable JSC", "2732", 11, 2018, 1),
    _ddi(100, "Công ty TNHH Hóa chất Sạch Minh Đức An", "Minh Duc An Clean Chemicals Co., Ltd.", "2029", 7,
         2022, 1),
    _ddi(101, "Công ty Cổ phần Năng lượng Mái nhà Xanh", "Green Rooftop Energy JSC", "3511", 4, None, 1),
)
# fmt: on

ENTERPRISES: tuple[EnterpriseRow, ...] = NAMED + INVENTED_FDI + INVENTED_DDI
BY_ID: dict[int, EnterpriseRow] = {row.demo_id: row for row in ENTERPRISES}
