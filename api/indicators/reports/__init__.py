"""Evaluation reports. Other domains build their report sections from these blocks."""

from api.indicators.reports.blocks import (
    Figures,
    Paragraph,
    ReportContext,
    ReportSection,
    T,
    Table,
    Text,
)

__all__ = ["Figures", "Paragraph", "ReportContext", "ReportSection", "T", "Table", "Text"]
