from complaint_accountability.privacy import mask_id_number, mask_phone


def test_phone_keeps_its_first_three_and_last_four_digits():
	assert mask_phone("13812345678") == "138****5678"
	assert mask_phone("021-55501234") == "021*****1234"
	assert mask_phone(None) == mask_phone("") == ""


def test_a_short_number_still_hides_four_digits_or_all_of_itself():
	assert mask_phone("62345678") == "****5678"  # a landline without its area code
	assert mask_phone("2345678") == "****678"
	assert mask_phone("95585") == "****5"
	assert mask_phone("110") == "***"
	for number in ("1234567", "12345678", "123456789", "1234567890"):
		assert mask_phone(number).count("*") >= 4, number


def test_id_number_keeps_region_and_last_four():
	assert mask_id_number("110101199001011234") == "1101**********1234"
	assert mask_id_number("A1234567") == "****4567"
	assert mask_id_number("AB12") == "****"
	assert mask_id_number("  ") == ""
