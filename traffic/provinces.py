"""Province codes on Vietnamese plates, as data.

Source: Circular 24/2023/TT-BCA, Appendix 02 (local registration codes), read through secondary
sources that agree with each other (confidence S: the appendix itself was not read). Codes keep the
names of the provinces that issued them: plates already issued are not reissued when provinces
merge. Resolution 202/2025/QH15 merged Hải Dương into Hải Phòng from mid-2025, so the park's own
trucks carry 15, 16 (Hải Phòng) and 34 (former Hải Dương) alike. 13, 42, 44–46, 87, 91 and 96 are
not assigned (13 is given to Bắc Giang by one source only: left out, confidence M).
"""

HAI_PHONG = "Hải Phòng"
HA_NOI = "Hà Nội"
HCMC = "TP. Hồ Chí Minh"

PROVINCES = {
    "11": "Cao Bằng", "12": "Lạng Sơn", "14": "Quảng Ninh", "15": HAI_PHONG, "16": HAI_PHONG,
    "17": "Thái Bình", "18": "Nam Định", "19": "Phú Thọ", "20": "Thái Nguyên", "21": "Yên Bái",
    "22": "Tuyên Quang", "23": "Hà Giang", "24": "Lào Cai", "25": "Lai Châu", "26": "Sơn La",
    "27": "Điện Biên", "28": "Hòa Bình", "29": HA_NOI, "30": HA_NOI, "31": HA_NOI, "32": HA_NOI,
    "33": HA_NOI, "34": "Hải Dương (nay thuộc Hải Phòng)", "35": "Ninh Bình", "36": "Thanh Hóa",
    "37": "Nghệ An", "38": "Hà Tĩnh", "39": "Đồng Nai", "40": HA_NOI, "41": HCMC, "43": "Đà Nẵng",
    "47": "Đắk Lắk", "48": "Đắk Nông", "49": "Lâm Đồng", "50": HCMC, "51": HCMC, "52": HCMC,
    "53": HCMC, "54": HCMC, "55": HCMC, "56": HCMC, "57": HCMC, "58": HCMC, "59": HCMC,
    "60": "Đồng Nai", "61": "Bình Dương", "62": "Long An", "63": "Tiền Giang", "64": "Vĩnh Long",
    "65": "Cần Thơ", "66": "Đồng Tháp", "67": "An Giang", "68": "Kiên Giang", "69": "Cà Mau",
    "70": "Tây Ninh", "71": "Bến Tre", "72": "Bà Rịa – Vũng Tàu", "73": "Quảng Bình", "74": "Quảng Trị",
    "75": "Thừa Thiên Huế", "76": "Quảng Ngãi", "77": "Bình Định", "78": "Phú Yên", "79": "Khánh Hòa",
    "80": "Cơ quan trung ương", "81": "Gia Lai", "82": "Kon Tum", "83": "Sóc Trăng", "84": "Trà Vinh",
    "85": "Ninh Thuận", "86": "Bình Thuận", "88": "Vĩnh Phúc", "89": "Hưng Yên", "90": "Hà Nam",
    "92": "Quảng Nam", "93": "Bình Phước", "94": "Bạc Liêu", "95": "Hậu Giang", "97": "Bắc Kạn",
    "98": "Bắc Giang", "99": "Bắc Ninh",
}  # fmt: skip
