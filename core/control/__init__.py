"""Areas of control: who held which community on a given day (model, cells, areas and the front line)."""
