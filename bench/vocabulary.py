"""Word lists the synthetic pod generator draws from; invented names, no real organisations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    """A business domain a pod can own, with the workflows inside it and what it moves."""

    name: str
    scope: tuple[str, ...]
    metric: str
    kpi: str
    unit: str  # what the workflow processes, e.g. "claims"
    baseline_minutes: int


@dataclass(frozen=True)
class Sector:
    """A sector with the domains its pods work on."""

    name: str
    domains: tuple[Domain, ...]


SECTORS: tuple[Sector, ...] = (
    Sector("Insurance", (
        Domain("Claims intake", ("First notice of loss", "Coverage check", "Claim triage"),
               "Cost per claim handled", "Claim cycle time", "claims", 45),
        Domain("Underwriting", ("Submission intake", "Risk appetite screening", "Quote drafting"),
               "Underwriting expense ratio", "Quote turnaround", "submissions", 90),
    )),
    Sector("Healthcare", (
        Domain("Revenue cycle", ("Prior authorisation", "Coding review", "Denial appeals"),
               "Days in accounts receivable", "Denial rate", "claims", 30),
        Domain("Patient access", ("Referral intake", "Scheduling", "Insurance verification"),
               "Cost per patient registration", "Referral-to-appointment time", "referrals", 20),
    )),
    Sector("Professional services", (
        Domain("Contract review", ("Clause extraction", "Risk flagging", "Matter intake"),
               "Cost of senior review time", "Review time per contract", "contracts", 120),
        Domain("Proposal writing", ("Bid qualification", "Proposal drafting", "Pricing review"),
               "Win rate on qualified bids", "Proposal turnaround", "proposals", 480),
    )),
    Sector("Manufacturing", (
        Domain("Quality management", ("Non-conformance reports", "Supplier corrective actions"),
               "Cost of poor quality", "Time to close a non-conformance", "reports", 60),
        Domain("Maintenance planning", ("Work order triage", "Spare parts planning"),
               "Unplanned downtime hours", "Mean time to repair", "work orders", 25),
    )),
    Sector("Distribution and logistics", (
        Domain("Customer service", ("Order status enquiries", "Delivery exceptions", "Returns"),
               "Cost per customer contact", "Average handle time", "contacts", 9),
        Domain("Freight audit", ("Invoice matching", "Accessorial charge review"),
               "Freight overpayment recovered", "Audit cycle time", "invoices", 12),
    )),
    Sector("Financial services", (
        Domain("Know your customer", ("Onboarding checks", "Periodic review", "Adverse media"),
               "Cost per onboarding case", "Onboarding time", "cases", 70),
        Domain("Accounts payable", ("Invoice capture", "Three-way match", "Vendor queries"),
               "Cost per invoice processed", "Invoice cycle time", "invoices", 15),
    )),
    Sector("Public sector", (
        Domain("Permit applications", ("Completeness check", "Routing", "Applicant queries"),
               "Backlog of open applications", "Days to decision", "applications", 50),
    )),
    Sector("Retail", (
        Domain("Merchandising", ("Product content", "Assortment review", "Supplier onboarding"),
               "Gross margin on new lines", "Time to list a product", "products", 35),
    )),
)

ORG_FIRST = ("North", "Harbour", "Stone", "Blue", "Silver", "Oak", "Granite", "Cedar", "Bright",
             "Iron", "Meadow", "Summit", "River", "Lake", "Pine", "Copper", "West", "Kite")
ORG_SECOND = ("wind", "line", "field", "gate", "bridge", "ford", "brook", "crest", "haven",
              "wood", "point", "view")
ORG_KIND = ("Group", "Partners", "Mutual", "Holdings", "Services", "Trust", "Industries")
SEGMENTS = ("Mid-market", "Mid-market", "Enterprise", "Public body")

# Holder titles by role id; the first titles fit the role, the last ones are the deviations
# the ghost-pod diagnostic looks for.
HOLDERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "domain-owner": (("VP of Operations", "Head of Claims", "Director of Revenue Cycle",
                      "Chief Operating Officer", "Managing Partner", "Head of Customer Service"),
                     ("CFO", "Chief Information Officer")),
    "workflow-designer": (("Senior operations analyst", "Process excellence lead",
                           "Operations manager (promoted into the role)", "Product manager",
                           "Strategy analyst with 40 hours of workflow design training"),
                          ("Project Manager", "PMO analyst")),
    "ai-engineer": (("Senior developer with ML upskilling", "AI engineer",
                     "Full-stack developer retrained in LLM integration", "ML engineer"),
                    ("Contract developer", "Data scientist on loan from analytics")),
    "data-engineer": (("Senior data engineer", "Data engineer",
                       "Data analyst moving into data engineering", "Analytics engineer"),
                      ("BI developer",)),
    "change-lead": (("HR business partner", "Change manager", "Training lead",
                     "Customer service training lead"),
                    ("Internal communications manager",)),
}

EVAL_METRICS: tuple[tuple[str, str, float, str], ...] = (
    ("Task success rate", ">=", 85, "%"),
    ("Error rate", "<=", 3, "%"),
    ("Precision on risk flags", ">", 90, "%"),
    ("Recall on risk flags", ">", 95, "%"),
    ("Retrieval accuracy", ">=", 90, "%"),
    ("Hallucination rate", "<", 1.5, "%"),
    ("Median handling time", "<=", 15, "minutes"),
)

ASSET_DETAILS: dict[str, tuple[str, ...]] = {
    "data-pipeline": ("Ingests records from the core system of record nightly.",
                      "Event stream from the case management system, with quality checks."),
    "evaluation-harness": ("Scores every release against 300 labelled historical cases.",
                           "Runs the rubric on a weekly sample of production output."),
    "governance-templates": ("Data handling, model versioning and access records.",
                             "Adapted the change playbook to the domain's approval rules."),
    "deployment-environment": ("Staging and production with a one-step rollback.",
                               "Runs in the shared environment as it is."),
}

REVIEW_NOTES = (
    "Sample review booked for week 1 of the next cycle.",
    "Domain owner engaged; first release cut down to one workflow step.",
    "Evaluation rubric agreed; metrics run on every release.",
    "Staffing gap on the workflow designer role raised with the sponsor.",
)
