from complaint_accountability.privacy import mask_id_number, mask_phone


def test_phone_keeps_its_first_three_and_last_four_digits():
	assert mask_phone("13812345678") == "138****5678"
	assert mask_phone("021-55501234") == "021*****1234"
	assert mask_phone("95585") == "***85"
	assert mask_phone(None) == mask_phone("") == ""


def test_id_number_keeps_region_and_last_four():
	assert mask_id_number("110101199001011234") == "1101**********1234"
	assert mask_id_number("A1234567") == "******67"
	assert mask_id_number("  ") == ""
