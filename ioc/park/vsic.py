"""Vietnam Standard Industrial Classification 2018 (VSIC 2018), level 2 (divisions).

Source: Decision 27/2018/QĐ-TTg, Appendix I. Level 2 matches ISIC Rev.4 divisions. A sector code
is 2 to 5 digits whose first two digits are a division below; names are kept for the divisions
an industrial park hosts (manufacturing, utilities, warehousing), others show their code.
"""

# fmt: off
DIVISIONS: frozenset[str] = frozenset(
    [
        "01", "02", "03", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15", "16", "17",
        "18", "19", "20", "21", "22", "23", "24", "25", "26", "27", "28", "29", "30", "31", "32", "33",
        "35", "36", "37", "38", "39", "41", "42", "43", "45", "46", "47", "49", "50", "51", "52", "53",
        "55", "56", "58", "59", "60", "61", "62", "63", "64", "65", "66", "68", "69", "70", "71", "72",
        "73", "74", "75", "77", "78", "79", "80", "81", "82", "84", "85", "86", "87", "88", "90", "91",
        "92", "93", "94", "95", "96", "97", "98", "99",
    ]
)
# fmt: on

DIVISION_NAMES: dict[str, tuple[str, str]] = {
    "10": ("Sản xuất, chế biến thực phẩm", "Manufacture of food products"),
    "11": ("Sản xuất đồ uống", "Manufacture of beverages"),
    "13": ("Dệt", "Manufacture of textiles"),
    "14": ("Sản xuất trang phục", "Manufacture of wearing apparel"),
    "15": ("Sản xuất da và các sản phẩm có liên quan", "Manufacture of leather and related products"),
    "16": ("Chế biến gỗ và sản xuất sản phẩm từ gỗ", "Manufacture of wood and wood products"),
    "17": ("Sản xuất giấy và sản phẩm từ giấy", "Manufacture of paper and paper products"),
    "18": ("In, sao chép bản ghi các loại", "Printing and reproduction of recorded media"),
    "20": ("Sản xuất hoá chất và sản phẩm hoá chất", "Manufacture of chemicals and chemical products"),
    "21": ("Sản xuất thuốc, hoá dược và dược liệu", "Manufacture of pharmaceuticals"),
    "22": ("Sản xuất sản phẩm từ cao su và plastic", "Manufacture of rubber and plastics products"),
    "23": (
        "Sản xuất sản phẩm từ khoáng phi kim loại khác",
        "Manufacture of other non-metallic mineral products",
    ),
    "24": ("Sản xuất kim loại", "Manufacture of basic metals"),
    "25": ("Sản xuất sản phẩm từ kim loại đúc sẵn", "Manufacture of fabricated metal products"),
    "26": (
        "Sản xuất sản phẩm điện tử, máy vi tính và sản phẩm quang học",
        "Manufacture of computer, electronic and optical products",
    ),
    "27": ("Sản xuất thiết bị điện", "Manufacture of electrical equipment"),
    "28": (
        "Sản xuất máy móc, thiết bị chưa được phân vào đâu",
        "Manufacture of machinery and equipment n.e.c.",
    ),
    "29": ("Sản xuất xe có động cơ, rơ moóc", "Manufacture of motor vehicles and trailers"),
    "30": ("Sản xuất phương tiện vận tải khác", "Manufacture of other transport equipment"),
    "31": ("Sản xuất giường, tủ, bàn, ghế", "Manufacture of furniture"),
    "32": ("Công nghiệp chế biến, chế tạo khác", "Other manufacturing"),
    "33": ("Sửa chữa, bảo dưỡng và lắp đặt máy móc và thiết bị", "Repair and installation of machinery"),
    "35": ("Sản xuất và phân phối điện, khí đốt", "Electricity and gas supply"),
    "36": ("Khai thác, xử lý và cung cấp nước", "Water collection, treatment and supply"),
    "37": ("Thoát nước và xử lý nước thải", "Sewerage"),
    "38": (
        "Thu gom, xử lý và tiêu huỷ rác thải; tái chế phế liệu",
        "Waste collection, treatment and recovery",
    ),
    "52": ("Kho bãi và các hoạt động hỗ trợ cho vận tải", "Warehousing and support for transportation"),
}


def division_name(code: str, language: str) -> str:
    """The division's name in `language` ('vi' or 'en'), or the code when no name is kept."""
    names = DIVISION_NAMES.get(code[:2])
    if not names:
        return code[:2]
    return names[0] if language == "vi" else names[1]
