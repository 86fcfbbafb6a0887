"""Model Openness Framework (MOF) classification, reproducing the Linux Foundation's
Model Openness Tool (https://github.com/lfai/model_openness_tool, https://mot.isitopen.ai).

    from generator.mof import classify, is_open_license, COMPONENTS
"""
from generator.mof.classify import MofResult, MotDocumentError, classify
from generator.mof.components import COMPONENTS, Component, by_mot_name, by_slug
from generator.mof.mot_yaml import MotFileError, classify_files, load_mot_yaml, main_classify
from generator.mof.open_licenses import is_open_license

__all__ = [
    "COMPONENTS", "Component", "MofResult", "MotDocumentError", "MotFileError",
    "by_mot_name", "by_slug", "classify", "classify_files", "is_open_license",
    "load_mot_yaml", "main_classify",
]
