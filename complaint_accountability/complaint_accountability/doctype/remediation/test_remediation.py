"""Remediation (整改事项): who may do what, tried by each role as an attacker would.

The leading group opens a remediation and sets what it is; its owner starts it, writes what was done,
attaches the evidence and completes it; only the leading group verifies, and never its own owner.
"""

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, apply_workflow
from frappe.utils import add_days, today

from complaint_accountability.complaint_accountability.doctype.remediation.remediation import (
	EvidenceMissing,
	RemediationClosed,
	RemediationNotAllowed,
	make_from_complaint,
	overdue_filters,
	overdue_remediations,
)
from complaint_accountability.tests.utils import (
	AccountabilityTestCase,
	make_complaint,
	make_institution_tree,
	make_user,
)
from complaint_accountability.vocabulary import Action, DocType, RemediationState

BRANCH, A, A1, B = "整改测试分公司", "整改测试甲支公司", "整改测试甲营业部", "整改测试乙支公司"
COMMITTEE = "rem-committee@example.com"
OTHER_COMMITTEE = "rem-committee-2@example.com"
OWNER = "rem-owner@example.com"
MANAGER_A, MANAGER_B = "rem-icm-a@example.com", "rem-icm-b@example.com"


def as_user(user: str):
	class Switch:
		def __enter__(self):
			self.previous = frappe.session.user
			frappe.set_user(user)

		def __exit__(self, *exc):
			frappe.set_user(self.previous)

	return Switch()


def act(name: str, action: str, user: str):
	with as_user(user):
		return apply_workflow(frappe.get_doc(DocType.REMEDIATION, name), action)


class TestRemediation(AccountabilityTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_user(COMMITTEE, "Accountability Committee")
		make_user(OTHER_COMMITTEE, "Accountability Committee")
		make_user(OWNER, "Accountable Staff")
		make_user(MANAGER_A, "Institution Complaint Manager")
		make_user(MANAGER_B, "Institution Complaint Manager")
		make_institution_tree(BRANCH, A, A1, B, manager_a=MANAGER_A, manager_b=MANAGER_B)
		cls.complaint_a1 = make_complaint([("2025-11-03", "网络")], institution=A1).name
		cls.complaint_b = make_complaint([("2025-11-04", "网络")], institution=B).name

	def open_remediation(self, owner: str = OWNER, by: str = COMMITTEE, **fields) -> str:
		with as_user(by):
			return (
				frappe.get_doc(
					{
						"doctype": DocType.REMEDIATION,
						"title": "理赔时效整改",
						"institution": A,
						"root_cause": "查勘人员不足,理赔时效超期",
						"measures": "增配查勘人员,每周通报理赔时效",
						"remediation_owner": owner,
						"due_on": add_days(today(), 30),
						"complaints": [{"complaint": self.complaint_a1}],
						**fields,
					}
				)
				.insert()
				.name
			)

	def complete_as_owner(self, name: str, owner: str = OWNER) -> None:
		act(name, Action.START, owner)
		with as_user(owner):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.completion_note = "已增配两名查勘人员"
			doc.append("evidence", {"file": "/files/remediation-evidence.pdf", "description": "人员配置通知"})
			doc.save()
		act(name, Action.COMPLETE, owner)

	def attach(self, name: str, user: str, file_name: str) -> str:
		"""A private file ``user`` uploads onto the remediation, as the form's attach does; its File."""
		with as_user(user):
			return (
				frappe.get_doc(
					{
						"doctype": "File",
						"file_name": file_name,
						"content": f"remediation file {file_name}".encode(),
						"is_private": 1,
						"attached_to_doctype": DocType.REMEDIATION,
						"attached_to_name": name,
					}
				)
				.insert()
				.name
			)

	def test_its_files_change_as_its_fields_do(self):
		name = self.open_remediation()
		act(name, Action.START, OWNER)
		evidence = self.attach(name, OWNER, "rem-evidence.txt")
		with as_user(OWNER):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.append("evidence", {"file": frappe.db.get_value("File", evidence, "file_url")})
			doc.save()
		with as_user(MANAGER_A), self.assertRaises(RemediationNotAllowed):
			self.attach(name, MANAGER_A, "rem-planted.txt")  # may read it, is not its owner
		with as_user(COMMITTEE), self.assertRaises(RemediationNotAllowed):
			frappe.delete_doc("File", evidence)  # the owner's account of the work
		note = self.attach(name, COMMITTEE, "rem-committee-note.txt")
		with as_user(COMMITTEE):
			frappe.delete_doc("File", note)
		self.assertFalse(frappe.db.exists("File", note))
		spare = self.attach(name, OWNER, "rem-spare.txt")
		with as_user(OWNER):
			frappe.delete_doc("File", spare)
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.completion_note = "已增配两名查勘人员"
			doc.save()
		act(name, Action.COMPLETE, OWNER)
		act(name, Action.VERIFY, COMMITTEE)
		with self.assertRaises(RemediationClosed):
			self.attach(name, COMMITTEE, "rem-late.txt")
		with as_user(OWNER), self.assertRaises(RemediationClosed):
			frappe.delete_doc("File", evidence)
		self.assertTrue(frappe.db.exists("File", evidence))

	def test_only_the_committee_opens_one(self):
		for user in (MANAGER_A, OWNER):
			with self.assertRaises(frappe.PermissionError):
				self.open_remediation(by=user)
		name = self.open_remediation()
		self.assertEqual(
			frappe.db.get_value(DocType.REMEDIATION, name, "workflow_state"), RemediationState.OPEN
		)
		with as_user(COMMITTEE):
			forged = frappe.get_doc(
				{
					"doctype": DocType.REMEDIATION,
					"title": "跳过整改",
					"institution": A,
					"root_cause": "无",
					"measures": "无",
					"remediation_owner": OWNER,
					"due_on": today(),
					"workflow_state": RemediationState.VERIFIED,
				}
			)
			with self.assertRaises(WorkflowPermissionError):
				forged.insert()

	def test_the_owner_does_the_work_and_the_committee_verifies(self):
		name = self.open_remediation()
		act(name, Action.START, OWNER)
		with self.assertRaises(EvidenceMissing):
			act(name, Action.COMPLETE, OWNER)  # no note, no evidence
		self.complete_as_owner_after_start(name)
		done = frappe.get_doc(DocType.REMEDIATION, name)
		self.assertEqual((done.workflow_state, str(done.completed_on)), (RemediationState.DONE, today()))
		with self.assertRaises(WorkflowTransitionError):
			act(name, Action.VERIFY, OWNER)
		act(name, Action.VERIFY, COMMITTEE)
		verified = frappe.get_doc(DocType.REMEDIATION, name)
		self.assertEqual(
			(verified.workflow_state, verified.verified_by), (RemediationState.VERIFIED, COMMITTEE)
		)
		with as_user(COMMITTEE), self.assertRaises(RemediationClosed):
			verified.measures = "改写"
			verified.save()

	def complete_as_owner_after_start(self, name: str) -> None:
		with as_user(OWNER):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.completion_note = "已增配两名查勘人员"
			doc.save()
		with self.assertRaises(EvidenceMissing):
			act(name, Action.COMPLETE, OWNER)  # a note but no evidence
		with as_user(OWNER):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.append("evidence", {"file": "/files/remediation-evidence.pdf", "description": "人员配置通知"})
			doc.save()
		act(name, Action.COMPLETE, OWNER)

	def test_the_owner_changes_only_their_own_part(self):
		name = self.open_remediation()
		act(name, Action.START, OWNER)
		stored = frappe.get_doc(DocType.REMEDIATION, name)
		with as_user(OWNER), self.assertRaises(frappe.PermissionError):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.remediation_owner = MANAGER_A  # handing it on would move it out of their sight
			doc.save()
		with as_user(OWNER):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.update(
				{
					"due_on": add_days(today(), 365),
					"institution": A1,
					"measures": "不整改",
					"verified_by": OWNER,
					"completed_on": today(),
					"completion_note": "进行中",
				}
			)
			doc.set("complaints", [])
			doc.save()
		after = frappe.get_doc(DocType.REMEDIATION, name)
		for field in ("due_on", "institution", "measures", "verified_by", "completed_on"):
			self.assertEqual(after.get(field), stored.get(field), field)
		self.assertEqual(len(after.complaints), 1)
		self.assertEqual(after.completion_note, "进行中")

	def test_others_who_read_it_change_nothing(self):
		name = self.open_remediation()
		self.assertTrue(frappe.has_permission(DocType.REMEDIATION, "read", doc=name, user=MANAGER_A))
		self.assertTrue(frappe.has_permission(DocType.REMEDIATION, "read", doc=name, user=OWNER))
		self.assertFalse(frappe.has_permission(DocType.REMEDIATION, "read", doc=name, user=MANAGER_B))
		with self.assertRaises(WorkflowTransitionError):
			act(name, Action.START, MANAGER_A)  # the manager of A is not its owner
		act(name, Action.START, OWNER)
		with as_user(MANAGER_A), self.assertRaises(RemediationNotAllowed):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.completion_note = "代为填写"
			doc.save()
		with as_user(MANAGER_B), self.assertRaises(frappe.PermissionError):
			frappe.get_doc(DocType.REMEDIATION, name).save()
		with as_user(MANAGER_B):
			self.assertNotIn(name, frappe.get_list(DocType.REMEDIATION, pluck="name"))
		with as_user(OWNER):
			self.assertIn(name, frappe.get_list(DocType.REMEDIATION, pluck="name"))

	def test_an_owner_on_the_committee_does_not_verify_their_own(self):
		name = self.open_remediation(owner=OTHER_COMMITTEE)
		self.complete_as_owner(name, OTHER_COMMITTEE)
		with self.assertRaises(WorkflowTransitionError):
			act(name, Action.VERIFY, OTHER_COMMITTEE)
		with as_user(OTHER_COMMITTEE), self.assertRaises(RemediationNotAllowed):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.workflow_state = RemediationState.VERIFIED  # around the action: refused all the same
			doc.save()
		act(name, Action.VERIFY, COMMITTEE)

	def test_the_work_done_stays_its_doers(self):
		name = self.open_remediation(owner=OTHER_COMMITTEE)
		self.complete_as_owner(name, OTHER_COMMITTEE)
		with as_user(OTHER_COMMITTEE):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.remediation_owner = COMMITTEE  # handed on once done, to verify it oneself
			doc.save()
		with as_user(COMMITTEE):
			doc = frappe.get_doc(DocType.REMEDIATION, name)
			doc.completion_note = "领导小组改写的整改说明"
			doc.set("evidence", [])
			doc.save()
		after = frappe.get_doc(DocType.REMEDIATION, name)
		self.assertEqual((after.remediation_owner, after.completed_by), (OTHER_COMMITTEE, OTHER_COMMITTEE))
		self.assertEqual((after.completion_note, len(after.evidence)), ("已增配两名查勘人员", 1))
		frappe.db.set_value(DocType.REMEDIATION, name, "remediation_owner", COMMITTEE)  # however it moved
		with self.assertRaises((RemediationNotAllowed, WorkflowTransitionError)):
			act(name, Action.VERIFY, OTHER_COMMITTEE)

	def test_the_committee_returns_unfinished_work(self):
		name = self.open_remediation()
		self.complete_as_owner(name)
		act(name, Action.RETURN, COMMITTEE)
		doc = frappe.get_doc(DocType.REMEDIATION, name)
		self.assertEqual(
			(doc.workflow_state, doc.completed_on, doc.completed_by),
			(RemediationState.IN_PROGRESS, None, None),
		)

	def test_the_owner_is_someone_who_can_carry_it_out(self):
		finance = make_user("rem-finance@example.com", "Finance Viewer")
		with self.assertRaisesRegex(frappe.ValidationError, finance):
			self.open_remediation(owner=finance)

	def test_complaints_are_the_institutions_own(self):
		with self.assertRaises(frappe.ValidationError):
			self.open_remediation(complaints=[{"complaint": self.complaint_b}])
		with self.assertRaises(frappe.ValidationError):
			self.open_remediation(
				complaints=[{"complaint": self.complaint_a1}, {"complaint": self.complaint_a1}]
			)

	def test_opened_from_a_complaint(self):
		with as_user(COMMITTEE):
			doc = make_from_complaint(self.complaint_a1)
		self.assertEqual((doc.institution, doc.source), (A1, "Complaint"))
		self.assertEqual([row.complaint for row in doc.complaints], [self.complaint_a1])
		with as_user(MANAGER_A), self.assertRaises(RemediationNotAllowed):
			make_from_complaint(self.complaint_a1)
		with as_user(MANAGER_B), self.assertRaises(frappe.PermissionError):
			make_from_complaint(self.complaint_a1)  # not theirs to read either

	def test_the_workspace_counts_overdue_items_its_reader_may_see(self):
		late = self.open_remediation()
		frappe.db.set_value(DocType.REMEDIATION, late, "due_on", add_days(today(), -1))
		self.open_remediation()  # not due yet
		with as_user(COMMITTEE):
			everything = overdue_remediations()
		with as_user(MANAGER_A):
			theirs = overdue_remediations()["value"]
		with as_user(MANAGER_B):
			none = overdue_remediations()["value"]
		# the leading group counts every overdue remediation on the site, this class's others included
		self.assertEqual(everything["value"], frappe.db.count(DocType.REMEDIATION, overdue_filters()))
		self.assertGreaterEqual(everything["value"], 1)
		self.assertEqual((theirs, none), (1, 0))
		self.assertEqual(everything["route"], ["List", DocType.REMEDIATION])
