"""REST calls through Frappe's real WSGI app with token auth, for permission tests.

Each request runs in its own thread with its own database connection, as a real request does,
so what it must see has to be committed first.
"""

import json
from threading import Thread
from unittest.mock import patch

import frappe
from frappe.core.doctype.user.user import generate_keys
from frappe.utils import get_test_client


class TokenClient:
	def __init__(self, user: str):
		self.site = frappe.local.site
		self.user = user
		api_secret = generate_keys(user)["api_secret"]
		self.token = f"token {frappe.db.get_value('User', user, 'api_key')}:{api_secret}"
		self.client = get_test_client(use_cookies=False)

	def twin(self) -> "TokenClient":
		"""A second client with the same token, for concurrent requests (new keys would revoke these)."""
		twin = object.__new__(TokenClient)
		twin.site, twin.user, twin.token = self.site, self.user, self.token
		twin.client = get_test_client(use_cookies=False)
		return twin

	def request(self, method: str, path: str, data: dict | None = None):
		result = {}

		def run():
			with patch("frappe.app.get_site_name", return_value=self.site):
				call = getattr(self.client, method)
				kwargs = {"headers": {"Authorization": self.token}}
				if data is not None:
					if method == "get":
						kwargs["query_string"] = {
							k: v if isinstance(v, str) else json.dumps(v) for k, v in data.items()
						}
					else:
						kwargs["json"] = data
				result["response"] = call(path, **kwargs)

		thread = Thread(target=run)
		thread.start()
		thread.join()
		return result["response"]

	def get(self, path, params=None):
		return self.request("get", path, params)

	def post(self, path, data):
		return self.request("post", path, data)

	def put(self, path, data):
		return self.request("put", path, data)

	def delete(self, path):
		return self.request("delete", path)

	def list(self, doctype: str, **filters) -> list[str]:
		response = self.get(f"/api/resource/{doctype}", {"filters": filters, "limit_page_length": 0})
		assert response.status_code == 200, response.text
		return [row["name"] for row in response.json["data"]]
