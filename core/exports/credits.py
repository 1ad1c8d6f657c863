"""What every map and file that draws the OCHA boundaries must credit (light: no plotting imports)."""

BOUNDARY_CREDIT = "Boundaries: OCHA / HDX (CC BY 3.0 IGO)"
